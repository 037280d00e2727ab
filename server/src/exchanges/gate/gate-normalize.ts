import type { AccountRef, ExchangeKey, IpWhitelist, Revocability } from '@contract/audited-key.ts';
import { toGateCapabilities, toGatePermissionWords } from './gate-permissions.ts';
import type { GateAccountDetail, GateApiKey, GateSubAccount } from './gate-responses.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { isoDateFromMs } from '../iso-date.ts';

const { manageKeysUrl: manageUrl, api } = exchangeInfo('gate');

export const GATE_MASTER_ACCOUNT: AccountRef = { kind: 'master', name: 'master' };

/** [] means "If IP whitelist is not set, the server will skip client IP validation"; a missing field says nothing. */
export function toGateIpWhitelist(ipWhitelist: readonly string[] | null | undefined): IpWhitelist {
  if (ipWhitelist === null || ipWhitelist === undefined) return 'unknown';
  const entries = ipWhitelist.map((entry) => entry.trim()).filter((entry) => entry !== '');
  return entries.length === 0 ? null : entries;
}

/** Named by login name, which is what Gate's website shows; the user id when a login name is missing. */
export function toGateSubAccountRef(sub: GateSubAccount): AccountRef {
  return { kind: 'sub', name: sub.login_name || String(sub.user_id) };
}

/** Fewer visible characters could match another key. */
const MIN_VISIBLE_KEY_CHARS = 8;

/** Whether a key as Gate reports it can identify a key: unmasked, or with enough characters left visible. */
export function isMatchableGateKey(reported: unknown): reported is string {
  if (typeof reported !== 'string' || reported === '') return false;
  return reported.replace(/\*/g, '').length >= (reported.includes('*') ? MIN_VISIBLE_KEY_CHARS : 1);
}

/**
 * Whether a key as Gate reports it is `apiKey`. main_keys masks keys ("c5dcfbf1f3a7*****", docs/exchanges/gate.md#main-account-keys):
 * then the visible start and end must match.
 */
export function isSameGateKey(reported: unknown, apiKey: string): boolean {
  if (!isMatchableGateKey(reported)) return false;
  if (!reported.includes('*')) return reported === apiKey;
  const parts = reported.split(/\*+/);
  const head = parts[0] ?? '';
  const tail = parts[parts.length - 1] ?? '';
  return apiKey.length >= head.length + tail.length && apiKey.startsWith(head) && apiKey.endsWith(tail);
}

/** Seconds (number or numeric string, maybe with decimals) → ISO date; 0 and nonsense → null. */
export function toGateIsoDate(seconds: number | string | null | undefined): string | null {
  const value = typeof seconds === 'string' ? Number(seconds) : seconds;
  return value === null || value === undefined ? null : isoDateFromMs(value * 1000);
}

function toRevocability(account: AccountRef, isCallingKey: boolean): Revocability {
  if (account.kind === 'master' && api.revokeMasterKeys === 'none') {
    return { canRevoke: false, how: 'website-only', reason: "Gate's API cannot delete main-account keys; delete it on Gate's API management page.", manageUrl };
  }
  if (isCallingKey) {
    const reason =
      "This connection uses this sub-account key, and Gate deletes sub-account keys only through a main-account key; delete it on Gate's API management page.";
    return { canRevoke: false, how: 'website-only', reason, manageUrl };
  }
  // "any modification(s) can take up to 5 minutes to take effect" (docs/exchanges/gate.md#key-deletion).
  const reason = "keyaudit deletes it through Gate's API with the main-account key. Gate may keep accepting it for up to 5 minutes afterwards.";
  return { canRevoke: true, how: api.revokeSubKeys, reason, manageUrl };
}

export type GateKeyContext = {
  account: AccountRef;
  /** The connection's own key: its apiKey is masked. */
  isCallingKey: boolean;
  /** The connection's apiKey, used instead of a masked or missing `key` for the calling key. */
  callingApiKey?: string;
};

/** A raw Gate key (main_keys or sub-account keys) as keyaudit's ExchangeKey. Gate reports no expiry. */
export function toGateExchangeKey(raw: GateApiKey, { account, isCallingKey, callingApiKey }: GateKeyContext, index = 0): ExchangeKey {
  const permissions = toGatePermissionWords(raw.perms);
  const reported = typeof raw.key === 'string' && raw.key !== '' ? raw.key : null;
  return {
    exchange: 'gate',
    account,
    apiKey: isCallingKey ? maskApiKey(callingApiKey ?? reported ?? '') : (reported ?? `unnamed key ${index + 1}`),
    label: raw.name ?? '',
    permissions,
    capabilities: toGateCapabilities(permissions),
    ipWhitelist: toGateIpWhitelist(raw.ip_whitelist),
    createdAt: toGateIsoDate(raw.created_at),
    expiresAt: null,
    lastUsedAt: toGateIsoDate(raw.last_access),
    isCallingKey,
    revocability: toRevocability(account, isCallingKey),
  };
}

/**
 * The calling key when no listing includes it (a sub-account key, or a main key whose main_keys call failed):
 * GET /account/detail has its whitelist but "no permission list" (docs/exchanges/gate.md#calling-key), so permissions stay
 * empty, and the key says that whether it can withdraw is not reported rather than look harmless.
 */
export function toGateCallingKeyFromDetail(apiKey: string, detail: GateAccountDetail, account: AccountRef): ExchangeKey {
  const key = toGateExchangeKey({ key: apiKey, ip_whitelist: detail.ip_whitelist }, { account, isCallingKey: true, callingApiKey: apiKey });
  return { ...key, unreported: ['withdraw'] };
}
