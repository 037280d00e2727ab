import type { AccountRef, ExchangeKey, IpWhitelist, Revocability } from '@contract/audited-key.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { canDeribitKeyRemoveKeys, toDeribitCapabilities, toDeribitScopeWords } from './deribit-capabilities.ts';
import type { DeribitApiKey } from './deribit-responses.ts';

const { manageKeysUrl, api } = exchangeInfo('deribit');

/** list_api_keys lists the keys of the account whose key calls it (docs/exchanges/deribit.md#calling-key). */
export const DERIBIT_MAIN_ACCOUNT: AccountRef = { kind: 'master', name: 'master' };

/** [] means no whitelist (any IP); a missing field says nothing (docs/exchanges/deribit.md#calling-key). */
export function parseDeribitIpWhitelist(ips: readonly string[] | null | undefined): IpWhitelist {
  if (!ips) return 'unknown';
  const entries = ips.map((entry) => entry.trim()).filter((entry) => entry !== '');
  return entries.length === 0 ? null : entries;
}

/** The raw words shown beside the capabilities: the scope, then a disabled flag and the features, as Deribit names them. */
export function toDeribitPermissionWords(raw: DeribitApiKey): string[] {
  return [
    ...toDeribitScopeWords(raw.max_scope),
    ...(raw.enabled === false ? ['enabled=false'] : []),
    ...(raw.enabled_features ?? []).map((feature) => `feature:${feature}`),
  ];
}

const websiteOnly = (reason: string): Revocability => ({ canRevoke: false, how: 'website-only', reason, manageUrl: manageKeysUrl });

function revocabilityOf(isCallingKey: boolean, canCallerRemove: boolean): Revocability {
  if (isCallingKey) {
    return websiteOnly("keyaudit signs with this key, so it does not delete it through Deribit's API; delete it on Deribit's API page.");
  }
  if (api.revokeMasterKeys === 'other-keys' && canCallerRemove) {
    return { canRevoke: true, how: 'api', reason: "The key of this connection has Deribit's account:read_write scope and can delete the account's other keys.", manageUrl: manageKeysUrl };
  }
  return websiteOnly("Deribit deletes keys through its API only for a key with the account:read_write scope, and this connection's key lacks it; delete it on Deribit's API page.");
}

export type DeribitKeyContext = {
  /** The Client ID keyaudit signs with: that key is the connection's own, shown masked. */
  callingClientId: string;
  /** The calling key's scope words: whether it may delete the others. */
  callingScopeWords: readonly string[];
};

/**
 * One item of private/list_api_keys. `timestamp` is not used as the creation date: Deribit's schema says it is the time
 * the key was created or last modified (docs/exchanges/deribit.md#calling-key). A disabled key keeps its capabilities:
 * it can be enabled again by anyone holding an account:read_write key, so it is judged as what it could do.
 */
export function toDeribitExchangeKey(raw: DeribitApiKey, context: DeribitKeyContext): ExchangeKey {
  const isCallingKey = raw.client_id === context.callingClientId;
  const scopeWords = toDeribitScopeWords(raw.max_scope);
  return {
    exchange: 'deribit',
    account: DERIBIT_MAIN_ACCOUNT,
    apiKey: isCallingKey ? maskApiKey(raw.client_id) : raw.client_id,
    label: raw.name ?? '',
    permissions: toDeribitPermissionWords(raw),
    capabilities: toDeribitCapabilities(scopeWords, raw.enabled_features ?? []),
    ipWhitelist: parseDeribitIpWhitelist(raw.ip_whitelist),
    createdAt: null,
    expiresAt: null,
    lastUsedAt: null,
    isCallingKey,
    revocability: revocabilityOf(isCallingKey, canDeribitKeyRemoveKeys(context.callingScopeWords)),
  };
}
