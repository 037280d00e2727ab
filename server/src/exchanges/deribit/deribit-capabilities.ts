import type { Capability, GrantedCapability } from '@contract/capability.ts';
import { toUnknownPermissionCapabilities } from '../unknown-permission.ts';

type Mapping = readonly { capability: Capability; isUncertain: boolean }[];

const sure = (...capabilities: Capability[]): Mapping => capabilities.map((capability) => ({ capability, isUncertain: false }));
const inferred = (...capabilities: Capability[]): Mapping => capabilities.map((capability) => ({ capability, isUncertain: true }));

/**
 * Deribit max_scope words → capabilities (docs/exchanges/deribit.md#permissions, whose table
 * server/src/exchanges/deribit/deribit-permissions.test.ts holds this one to). A scope is "<area>:<access>"; access
 * `none` grants nothing and is kept only as a raw word.
 */
export const DERIBIT_SCOPE_CAPABILITIES: Readonly<Record<string, Mapping>> = {
  'account:read': sure('read'),
  // API keys, sub-accounts and account settings (https://docs.deribit.com/articles/access-scope).
  'account:read_write': sure('read', 'manage-subaccounts'),
  'trade:read': sure('read'),
  // Orders on futures, options and spot pairs.
  'trade:read_write': sure('read', 'trade-futures', 'trade-options', 'trade-spot'),
  'wallet:read': sure('read'),
  // Withdrawals and transfers between the main account and sub-accounts.
  'wallet:read_write': sure('read', 'withdraw', 'transfer-internal'),
  'block_trade:read': sure('read'),
  // Block trades are futures and options deals with a counterparty: the nearest capabilities, an inference.
  'block_trade:read_write': [...sure('read'), ...inferred('trade-futures', 'trade-options')],
  'block_rfq:read': sure('read'),
  'block_rfq:read_write': [...sure('read'), ...inferred('trade-futures', 'trade-options')],
  'custody:read': sure('read'),
  // Custody moves collateral to or from a third-party custodian: counted as moving funds out, an inference.
  'custody:read_write': [...sure('read'), ...inferred('transfer-external')],
};

/** enabled_features that only narrow what a key may do (https://docs.deribit.com/articles/creating-api-key). */
export const DERIBIT_NARROWING_FEATURES: readonly string[] = ['restricted_block_trades', 'block_trade_approval'];

/** "account:read trade:read_write wallet:none" → its words, in Deribit's order, without repeats. */
export function toDeribitScopeWords(maxScope: string): string[] {
  return [...new Set(maxScope.split(/[\s,]+/).filter((word) => word !== ''))];
}

/**
 * What a key's scope words grant. `<area>:none` grants nothing; a word no table knows goes through unknown-permission,
 * never to nothing. Features that narrow a key grant nothing; an unknown feature is judged like an unknown word.
 */
export function toDeribitCapabilities(scopeWords: readonly string[], features: readonly string[] = []): GrantedCapability[] {
  const fromScopes = scopeWords.flatMap((word): GrantedCapability[] => {
    if (word.endsWith(':none')) return [];
    const mapping = DERIBIT_SCOPE_CAPABILITIES[word];
    if (!mapping) return toUnknownPermissionCapabilities(word);
    return mapping.map(({ capability, isUncertain }) => ({ capability, from: word, isUncertain }));
  });
  const fromFeatures = features.flatMap((feature) => (DERIBIT_NARROWING_FEATURES.includes(feature) ? [] : toUnknownPermissionCapabilities(`feature:${feature}`)));
  return [...fromScopes, ...fromFeatures];
}

/** Whether the key may delete the account's keys: remove_api_key needs account:read_write. */
export function canDeribitKeyRemoveKeys(scopeWords: readonly string[]): boolean {
  return scopeWords.includes('account:read_write');
}
