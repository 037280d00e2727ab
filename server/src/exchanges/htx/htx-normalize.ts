import type { AccountRef, ExchangeKey, IpWhitelist, Revocability } from '@contract/audited-key.ts';
import type { Capability, GrantedCapability } from '@contract/capability.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import { isoDateFromMs } from '../iso-date.ts';
import { toUnknownPermissionCapabilities } from '../unknown-permission.ts';
import type { HtxApiKey } from './htx-responses.ts';

const { manageKeysUrl, api } = exchangeInfo('htx');
const DAY_MS = 86_400_000;

export const HTX_PARENT_ACCOUNT: AccountRef = { kind: 'master', name: 'master' };

type Mapping = readonly { capability: Capability; isUncertain: boolean }[];
const sure = (...capabilities: Capability[]): Mapping => capabilities.map((capability) => ({ capability, isUncertain: false }));
const inferred = (...capabilities: Capability[]): Mapping => capabilities.map((capability) => ({ capability, isUncertain: true }));

/**
 * HTX permission words → capabilities (docs/exchanges/htx.md#permissions, whose table
 * server/src/exchanges/htx/htx-permissions.test.ts holds this one to).
 */
export const HTX_PERMISSION_CAPABILITIES: Readonly<Record<string, Mapping>> = {
  readOnly: sure('read'),
  // "place order, cancel order and transfer": margin orders ride on the same endpoint (an inference).
  trade: [...sure('trade-spot'), ...inferred('trade-margin'), ...sure('transfer-internal')],
  withdraw: sure('withdraw'),
};

/** "readOnly,trade" → ["readOnly", "trade"]. */
export function toHtxPermissionWords(permission: string | null | undefined): string[] {
  return (permission ?? '').split(',').map((word) => word.trim()).filter((word) => word !== '');
}

/** Trade on a parent user's key also manages sub users: deleting their keys needs exactly Trade (docs/exchanges/htx.md#key-deletion). */
export function toHtxCapabilities(words: readonly string[], { isParent }: { isParent: boolean }): GrantedCapability[] {
  return words.flatMap((word) => {
    const mapping = Object.hasOwn(HTX_PERMISSION_CAPABILITIES, word) ? HTX_PERMISSION_CAPABILITIES[word]! : null;
    if (!mapping) return toUnknownPermissionCapabilities(word);
    const managing = isParent && word === 'trade' ? sure('manage-subaccounts') : [];
    return [...mapping, ...managing].map(({ capability, isUncertain }) => ({ capability, from: word, isUncertain }));
  });
}

/** One comma-separated string; "" is no binding (any IP), missing is unknown (docs/exchanges/htx.md#calling-key). */
export function toHtxIpWhitelist(ipAddresses: string | null | undefined): IpWhitelist {
  if (ipAddresses === null || ipAddresses === undefined) return 'unknown';
  const entries = ipAddresses.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  return entries.length === 0 ? null : entries;
}

/** validDays: "API key expire in (days)", -1 permanent: that many days from now, to the day (docs/exchanges/htx.md#calling-key). */
export function toHtxExpiresAt(raw: Pick<HtxApiKey, 'validDays' | 'status'>, nowMs: number): string | null {
  if (raw.status === 'expired') return new Date(nowMs).toISOString();
  return typeof raw.validDays === 'number' && raw.validDays >= 0 ? new Date(nowMs + raw.validDays * DAY_MS).toISOString() : null;
}

/** Whether the connection's key (a parent user's) holds Trade, which sub-user key deletion needs. */
export const canHtxKeyRevoke = (words: readonly string[]) => words.includes('trade');

type KeyContext = { account: AccountRef; isCallingKey: boolean; canCallerRevoke: boolean };

function revocabilityOf({ account, isCallingKey, canCallerRevoke }: KeyContext): Revocability {
  const websiteOnly = (reason: string): Revocability => ({ canRevoke: false, how: 'website-only', reason, manageUrl: manageKeysUrl });
  if (account.kind === 'master') return websiteOnly("HTX's API deletes sub users' keys only; delete a parent user's key on HTX's API management page.");
  if (isCallingKey) return websiteOnly("This connection signs with this key, and HTX deletes a sub user's key only through its parent user; delete it on HTX's API management page.");
  if (!canCallerRevoke) {
    return websiteOnly("HTX deletes a sub user's key only through a parent user's key with Trade permission, and this connection's key has none; delete it on HTX's API management page.");
  }
  return { canRevoke: true, how: api.revokeSubKeys, reason: "The parent user's key of this connection can delete sub users' keys on HTX.", manageUrl: manageKeysUrl };
}

/** One item of GET /v2/user/api-key, where it was listed. */
export function toHtxExchangeKey(raw: HtxApiKey, context: KeyContext, nowMs: number): ExchangeKey {
  const words = toHtxPermissionWords(raw.permission);
  return {
    exchange: 'htx',
    account: context.account,
    apiKey: context.isCallingKey ? maskApiKey(raw.accessKey) : raw.accessKey,
    label: raw.note ?? '',
    permissions: words,
    capabilities: toHtxCapabilities(words, { isParent: context.account.kind === 'master' }),
    ipWhitelist: toHtxIpWhitelist(raw.ipAddresses),
    createdAt: isoDateFromMs(raw.createTime),
    expiresAt: toHtxExpiresAt(raw, nowMs),
    lastUsedAt: null,
    isCallingKey: context.isCallingKey,
    isThirdPartyBound: null,
    revocability: revocabilityOf(context),
  };
}
