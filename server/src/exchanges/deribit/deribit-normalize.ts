import type { AccountRef, Disablability, ExchangeKey, IpWhitelist, Revocability } from '@contract/audited-key.ts';
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

/**
 * private/disable_api_key needs account:read_write, as deletion does (docs/exchanges/deribit.md#key-deletion). Never
 * the calling key: a disabled key cannot authenticate, so keyaudit could neither read the account nor enable it again.
 */
function disablabilityOf(isCallingKey: boolean, isDisabled: boolean, canCallerChange: boolean): Disablability | undefined {
  if (api.disableKeys === 'none') return undefined;
  if (isCallingKey) {
    return { canDisable: false, reason: "keyaudit signs with this key: once disabled it could not authenticate, so keyaudit would be locked out. Disable it on Deribit's API page." };
  }
  if (isDisabled) return { canDisable: false, reason: 'Deribit reports this key disabled already; it can be enabled again on Deribit\'s API page.' };
  if (!canCallerChange) {
    return { canDisable: false, reason: "Deribit disables keys through its API only for a key with the account:read_write scope, and this connection's key lacks it; disable it on Deribit's API page." };
  }
  return { canDisable: true, reason: "The key of this connection has Deribit's account:read_write scope and can disable the account's other keys." };
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
  const isDisabled = raw.enabled === false;
  const scopeWords = toDeribitScopeWords(raw.max_scope);
  const disablability = disablabilityOf(isCallingKey, isDisabled, canDeribitKeyRemoveKeys(context.callingScopeWords));
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
    ...(disablability ? { disablability } : {}),
    ...(isDisabled ? { isDisabled: true } : {}),
  };
}
