import type { AccountRef, ExchangeKey, IpWhitelist } from '@contract/audited-key.ts';
import type { Capability, GrantedCapability } from '@contract/capability.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import { isoDateFromMs } from '../iso-date.ts';
import { toUnknownPermissionCapabilities } from '../unknown-permission.ts';
import type { KrakenApiKeyInfo } from './kraken-responses.ts';

const { manageKeysUrl } = exchangeInfo('kraken');

/** Kraken reports no account kind; the key keyaudit holds is audited as the account's own. */
export const KRAKEN_ACCOUNT: AccountRef = { kind: 'master', name: 'master' };

type Mapping = readonly { capability: Capability; isUncertain: boolean }[];
const sure = (...capabilities: Capability[]): Mapping => capabilities.map((capability) => ({ capability, isUncertain: false }));
const inferred = (...capabilities: Capability[]): Mapping => capabilities.map((capability) => ({ capability, isUncertain: true }));

/**
 * Kraken permission words → capabilities (docs/exchanges/kraken.md#permissions, whose table
 * server/src/exchanges/kraken/kraken-permissions.test.ts holds this one to).
 */
export const KRAKEN_PERMISSION_CAPABILITIES: Readonly<Record<string, Mapping>> = {
  'query-funds': sure('read'),
  'query-open-trades': sure('read'),
  'query-closed-trades': sure('read'),
  'query-ledger': sure('read'),
  'export-data': sure('read'),
  // "Create & Modify Orders": AddOrder, whose `leverage` opens margin positions.
  'modify-trades': sure('trade-spot', 'trade-margin'),
  'close-trades': sure('trade-spot'),
  // "Deposit Funds" reads deposit methods and addresses; nothing leaves the account.
  'add-funds': sure('other'),
  'withdraw-funds': sure('withdraw'),
  // Which calls these unlock is undocumented; managing withdrawal addresses prepares withdrawals (docs/exchanges/kraken.md#uncertain-mappings).
  'add-withdraw-address': inferred('withdraw'),
  'update-withdraw-address': inferred('withdraw'),
  'earn-funds': sure('earn'),
  'create-ws-token': sure('other'),
};

export function toKrakenCapabilities(words: readonly string[]): GrantedCapability[] {
  return words.flatMap((word) => {
    const mapping = Object.hasOwn(KRAKEN_PERMISSION_CAPABILITIES, word) ? KRAKEN_PERMISSION_CAPABILITIES[word]! : null;
    if (!mapping) return toUnknownPermissionCapabilities(word);
    return mapping.map(({ capability, isUncertain }) => ({ capability, from: word, isUncertain }));
  });
}

/** "empty if not restricted" (docs/exchanges/kraken.md#calling-key): [] is any IP; a missing field says nothing. */
export function toKrakenIpWhitelist(ipAllowlist: readonly string[] | null | undefined): IpWhitelist {
  if (ipAllowlist === null || ipAllowlist === undefined) return 'unknown';
  const entries = ipAllowlist.map((entry) => entry.trim()).filter((entry) => entry !== '');
  return entries.length === 0 ? null : entries;
}

const fromSeconds = (seconds: number | null) => (seconds === null ? null : isoDateFromMs(seconds * 1000));

/** GetApiKeyInfo's answer: the only key Kraken's API shows, with its native last use and expiry. */
export function toKrakenCallingExchangeKey(raw: KrakenApiKeyInfo): ExchangeKey {
  return {
    exchange: 'kraken',
    account: KRAKEN_ACCOUNT,
    apiKey: maskApiKey(raw.apiKey),
    label: raw.apiKeyName ?? '',
    permissions: [...raw.permissions],
    capabilities: toKrakenCapabilities(raw.permissions),
    ipWhitelist: toKrakenIpWhitelist(raw.ipAllowlist),
    createdAt: fromSeconds(raw.createdTime),
    // validUntil "0 if not set": isoDateFromMs reads 0 as no date.
    expiresAt: fromSeconds(raw.validUntil),
    lastUsedAt: fromSeconds(raw.lastUsed),
    isCallingKey: true,
    isThirdPartyBound: null,
    revocability: {
      canRevoke: false,
      how: 'website-only',
      reason: "Kraken's API cannot delete API keys; delete it on Kraken's API settings page.",
      manageUrl: manageKeysUrl,
    },
  };
}
