import type { AuditedKey } from '@contract/audited-key.ts';
import type { Capability, GrantedCapability } from '@contract/capability.ts';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import { isAnyAddressEntry } from './parse-ip-entry.ts';

export const TRADE_CAPABILITIES: readonly Capability[] = ['trade-spot', 'trade-margin', 'trade-futures', 'trade-options'];
export const WITHDRAW_CAPABILITIES: readonly Capability[] = ['withdraw', 'transfer-external'];

const CAPABILITY_PHRASES: Record<Capability, string> = {
  read: 'read-only access',
  'trade-spot': 'spot trading',
  'trade-margin': 'margin trading',
  'trade-futures': 'futures trading',
  'trade-options': 'options trading',
  'transfer-internal': 'transfers between your own accounts',
  'transfer-external': 'transfers to other accounts or users',
  withdraw: 'withdrawal',
  'manage-subaccounts': 'sub-account management',
  earn: 'earn products (subscribe and redeem)',
  other: 'an unclassified permission',
};

/**
 * none: no whitelist (or an empty one, which exchanges use for "none");
 * any-address: a whitelist with an entry such as 0.0.0.0/0 or "*" that matches every address;
 * unknown: the exchange does not say; restricted: a real list.
 */
export type WhitelistState = 'none' | 'any-address' | 'unknown' | 'restricted';

export function whitelistStateOf(key: AuditedKey): WhitelistState {
  const list = key.ipWhitelist;
  if (list === 'unknown') return 'unknown';
  if (list === null || list.length === 0) return 'none';
  return list.some(isAnyAddressEntry) ? 'any-address' : 'restricted';
}

export function isOpenToAnyIp(key: AuditedKey): boolean {
  const state = whitelistStateOf(key);
  return state === 'none' || state === 'any-address';
}

/** Why the key is reachable from anywhere, worded for the state it is actually in. */
export function describeOpenness(key: AuditedKey): string {
  if (whitelistStateOf(key) === 'any-address') {
    const entry = (key.ipWhitelist as string[]).find(isAnyAddressEntry);
    return `its IP whitelist entry "${entry}" matches every address, so the exchange accepts it from anywhere`;
  }
  return 'it has no IP whitelist, so the exchange accepts it from any IP address';
}

export function grantsOf(key: AuditedKey, capabilities: readonly Capability[]): GrantedCapability[] {
  return key.capabilities.filter((grant) => capabilities.includes(grant.capability));
}

/** "permission 'Transfer'" or "permissions 'Spot', 'Futures'", from the exchange's own words. */
export function describePermissions(grants: readonly GrantedCapability[]): string {
  const words = [...new Set(grants.map((grant) => `'${grant.from}'`))];
  return `${words.length === 1 ? 'permission' : 'permissions'} ${words.join(', ')}`;
}

/** Sentences owning up to inferred mappings, e.g. "KuCoin's word 'Transfer' is understood as withdrawal". */
export function uncertaintyNote(key: AuditedKey, grants: readonly GrantedCapability[]): string {
  const uncertain = grants.filter((grant) => grant.isUncertain);
  if (uncertain.length === 0) return '';
  const exchange = EXCHANGE_NAMES[key.exchange];
  const sentences = uncertain.map(
    (grant) => `${exchange}'s word '${grant.from}' is understood as ${CAPABILITY_PHRASES[grant.capability]}`,
  );
  return ` ${[...new Set(sentences)].join('; ')} (an inference: the exchange does not document this exactly).`;
}

/** Day-precision date for sentences: "2025-01-31". */
export function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export const DAY_MS = 86_400_000;
