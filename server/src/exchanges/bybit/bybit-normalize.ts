import type { AccountRef, ExchangeKey, IpWhitelist, Revocability } from '@contract/audited-key.ts';
import { canBybitKeyManageKeys, toBybitCapabilities, toBybitPermissionWords, type BybitAccess } from './bybit-capabilities.ts';
import type { BybitCallingKey, BybitSubApiKey } from './bybit-responses.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import { exchangeInfo } from '@contract/exchanges.ts';

const { manageKeysUrl, api } = exchangeInfo('bybit');

const DAY_MS = 86_400_000;
export const BYBIT_MASTER_ACCOUNT: AccountRef = { kind: 'master', name: 'master' };

/** ["*"] means "no bind" (docs/exchanges/bybit.md#calling-key), and so does an empty list; a missing field says nothing. Entries may be comma-joined. */
export function parseBybitIpWhitelist(ips: readonly string[] | null | undefined): IpWhitelist {
  if (!ips) return 'unknown';
  const entries = ips.flatMap((entry) => entry.split(',')).map((entry) => entry.trim()).filter((entry) => entry !== '');
  return entries.length === 0 || entries.includes('*') ? null : entries;
}

/** "2023-12-01T02:36:06Z" → ISO; the epoch ("1970-01-01T00:00:00Z", Bybit's "never") and junk → null. */
export function toBybitIsoDate(text: string | null | undefined): string | null {
  const ms = Date.parse(text ?? '');
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : null;
}

/**
 * expiredAt and deadlineDay exist "only for those api key with no IP bound or the password has been changed" (docs/exchanges/bybit.md#calling-key).
 * expiredAt is exact; deadlineDay (remaining days; -2 on keys that do not expire) is the fallback, day-precise.
 */
export function toBybitExpiresAt(raw: Pick<BybitSubApiKey, 'expiredAt' | 'deadlineDay' | 'status'>, nowMs: number): string | null {
  if (raw.status === 1) return null;
  const exact = toBybitIsoDate(raw.expiredAt);
  if (exact) return exact;
  return typeof raw.deadlineDay === 'number' && raw.deadlineDay >= 0 ? new Date(nowMs + raw.deadlineDay * DAY_MS).toISOString() : null;
}

/** Sub-accounts are named by their UID, the subMemberId every sub-account endpoint takes. */
export function toBybitAccountRef(raw: Pick<BybitCallingKey, 'isMaster' | 'userID'>): AccountRef {
  return raw.isMaster === false ? { kind: 'sub', name: raw.userID ?? 'unknown sub-account' } : BYBIT_MASTER_ACCOUNT;
}

const websiteOnly = (reason: string): Revocability => ({ canRevoke: false, how: 'website-only', reason, manageUrl: manageKeysUrl });
const byApi = (reason: string, revokesOwnConnection?: true): Revocability => ({
  canRevoke: true, how: 'api', reason, manageUrl: manageKeysUrl, ...(revokesOwnConnection ? { revokesOwnConnection } : {}),
});

function callingKeyRevocability(canManage: boolean, isMaster: boolean): Revocability {
  if (canManage) {
    return isMaster
      ? byApi("Bybit can delete the master key this connection signs with; the connection stops working the moment it is deleted.", true)
      : byApi("Bybit lets this sub-account key delete itself; the connection stops working the moment it is deleted.", true);
  }
  return websiteOnly(isMaster
    ? "Bybit deletes a master key through its API only when the key has Account Transfer, Subaccount Transfer or Withdrawal permission and is not read-only; delete it on Bybit's API management page."
    : "Bybit lets a sub-account key delete itself only when it has Account Transfer or Sub Member Transfer permission and is not read-only; delete it on Bybit's API management page, or with a master key.");
}

function keyBase(raw: BybitCallingKey | BybitSubApiKey, nowMs: number) {
  return {
    exchange: 'bybit' as const,
    label: raw.note ?? '',
    ipWhitelist: parseBybitIpWhitelist(raw.ips),
    createdAt: toBybitIsoDate(raw.createdAt),
    expiresAt: toBybitExpiresAt({ status: 'status' in raw ? raw.status : null, expiredAt: raw.expiredAt, deadlineDay: raw.deadlineDay }, nowMs),
    lastUsedAt: null,
    isThirdPartyBound: raw.type === 2 ? true : raw.type === 1 ? false : null,
  };
}

/** GET /v5/user/query-api: readOnly is documented there as 0 (read and write) or 1 (read only). */
export function toBybitCallingExchangeKey(raw: BybitCallingKey, nowMs: number): ExchangeKey {
  const words = toBybitPermissionWords(raw.permissions);
  const isMaster = raw.isMaster !== false;
  const flag = raw.readOnly === null || raw.readOnly === undefined ? null : Number(raw.readOnly);
  const access: BybitAccess = { readOnlyWord: `readOnly=${flag ?? 'unknown'}`, isReadOnly: flag === null ? 'unknown' : flag !== 0, isMaster };
  return {
    ...keyBase(raw, nowMs),
    account: toBybitAccountRef(raw),
    apiKey: maskApiKey(raw.apiKey),
    permissions: [access.readOnlyWord, ...words],
    capabilities: toBybitCapabilities(words, access),
    isCallingKey: true,
    revocability: callingKeyRevocability(api.revokeMasterKeys === 'calling-key-only' && canBybitKeyManageKeys(words, access), isMaster),
  };
}

export type BybitSubKeyContext = {
  /** The sub-account the key was listed under. */
  account: AccountRef;
  /** Whether the connection's master key may delete sub-account keys (see canBybitKeyManageKeys). */
  canCallerRevoke: boolean;
};

/** One item of GET /v5/user/sub-apikeys, whose boolean readOnly has no verified meaning (docs/exchanges/bybit.md#sub-account-keys). */
export function toBybitSubExchangeKey(raw: BybitSubApiKey, { account, canCallerRevoke }: BybitSubKeyContext, nowMs: number): ExchangeKey {
  const words = toBybitPermissionWords(raw.permissions);
  const access: BybitAccess = { readOnlyWord: `readOnly=${String(raw.readOnly ?? 'unknown')}`, isReadOnly: 'unknown', isMaster: false };
  return {
    ...keyBase(raw, nowMs),
    account,
    apiKey: raw.apiKey,
    permissions: [access.readOnlyWord, ...words],
    capabilities: toBybitCapabilities(words, access),
    isCallingKey: false,
    revocability: canCallerRevoke
      ? { ...byApi('The master key of this connection can delete sub-account keys on Bybit.'), how: api.revokeSubKeys }
      : websiteOnly(
        "Bybit deletes sub-account keys only through a master key with Account Transfer, Subaccount Transfer or Withdrawal permission that is not read-only, and this connection's key is not one; delete it on Bybit's API management page.",
      ),
  };
}
