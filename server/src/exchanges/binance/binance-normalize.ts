import type { AccountRef, ExchangeKey, IpWhitelist, Revocability } from '@contract/audited-key.ts';
import type { Capability, GrantedCapability } from '@contract/capability.ts';
import type { BinanceApiRestrictions, BinanceIpRestriction, BinanceSubAccountApiKey } from './binance-responses.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { isoDateFromMs } from '../iso-date.ts';

const { manageKeysUrl, api } = exchangeInfo('binance');
export const BINANCE_MASTER_ACCOUNT: AccountRef = { kind: 'master', name: 'master' };

type Mapping = { capabilities: readonly Capability[]; isUncertain: boolean };
const certain = (...capabilities: Capability[]): Mapping => ({ capabilities, isUncertain: false });
const inferred = (...capabilities: Capability[]): Mapping => ({ capabilities, isUncertain: true });

/**
 * Flags of GET /sapi/v1/account/apiRestrictions → capabilities: the table of docs/exchanges/binance.md#permissions,
 * flag for flag (binance-permissions.test.ts holds the two together).
 */
export const BINANCE_CALLING_KEY_FLAGS: Readonly<Record<string, Mapping>> = {
  enableReading: certain('read'),
  // "Spot and margin trading" (the docs' own comment on the flag).
  enableSpotAndMarginTrading: certain('trade-spot', 'trade-margin'),
  enableMargin: certain('trade-margin'),
  enableFutures: certain('trade-futures'),
  enablePortfolioMarginTrading: certain('trade-futures'),
  enableVanillaOptions: certain('trade-options'),
  enableInternalTransfer: certain('transfer-internal'),
  // Universal transfer moves funds between the user's own accounts: our transfer-internal.
  permitsUniversalTransfer: certain('transfer-internal'),
  enableWithdrawals: certain('withdraw'),
  // fix_api has no capability of its own: FIX trading is order entry (nearest: spot trading), FIX read-only is reading.
  // The docs do not say what the FIX flags grant exactly, hence uncertain (docs/exchanges/binance.md#uncertain-mappings).
  enableFixApiTrade: inferred('trade-spot'),
  enableFixReadOnly: inferred('read'),
};

/** Flags of a GET /sapi/v1/sub-account/subAccountApi item: the create-key parameters (docs/exchanges/binance.md#permissions). */
export const BINANCE_SUB_ACCOUNT_KEY_FLAGS: Readonly<Record<string, Mapping>> = {
  canTrade: certain('trade-spot', 'trade-margin'), // "Spot & Margin trading permission"
  canMarginLoanRepay: certain('trade-margin'),
  canFuturesTrade: certain('trade-futures'),
  canUniversalTransfer: certain('transfer-internal'),
  canVanillaOptions: certain('trade-options'),
  // V2 keys (Ed25519 only): "FIX API Trading permission", "FIX API Reading permission"; the same inference as the calling key's.
  canFixApiTrading: inferred('trade-spot'),
  canFixApiReading: inferred('read'),
};

/**
 * A true flag keyaudit does not know must never count as nothing: Binance adds flags over time, and a new one is more
 * likely to grant an action than to restrict one. Its name says what it most likely grants.
 */
function unknownFlagMapping(flag: string): Mapping {
  if (/withdraw/i.test(flag)) return inferred('withdraw');
  if (/transfer/i.test(flag)) return inferred('transfer-internal');
  return inferred('trade-spot');
}

/** Binance keys can always read, and the sub-account listing has no flag for it (docs/exchanges/binance.md#permissions). */
const IMPLICIT_READ: GrantedCapability = { capability: 'read', from: 'enableReading', isUncertain: false };

/** Boolean-flag answers: the raw permission words are the names of the flags that are true (or "true"). */
export function toBinancePermissions(raw: Record<string, unknown>, isFlag: (name: string) => boolean): string[] {
  return Object.entries(raw).filter(([name, value]) => (value === true || value === 'true') && isFlag(name)).map(([name]) => name);
}

function toCapabilities(permissions: readonly string[], table: Readonly<Record<string, Mapping>>): GrantedCapability[] {
  return permissions.flatMap((word) => {
    const mapping = Object.hasOwn(table, word) ? table[word]! : unknownFlagMapping(word);
    return mapping.capabilities.map((capability) => ({ capability, from: word, isUncertain: mapping.isUncertain }));
  });
}

export const toBinanceCallingKeyCapabilities = (permissions: readonly string[]) => toCapabilities(permissions, BINANCE_CALLING_KEY_FLAGS);
export const toBinanceSubAccountKeyCapabilities = (permissions: readonly string[]) =>
  [IMPLICIT_READ, ...toCapabilities(permissions, BINANCE_SUB_ACCOUNT_KEY_FLAGS)];

/** A sub-account key's whitelist from its ipRestriction answer; 'unknown' when it could not be read. */
export function toBinanceIpWhitelist(restriction: BinanceIpRestriction | null): IpWhitelist {
  if (!restriction) return 'unknown';
  if (!restriction.ipRestrict) return null;
  const ips = (restriction.ipList ?? []).map((ip) => ip.trim()).filter((ip) => ip !== '');
  // Restricted without a list: third-party-bound keys, or a list Binance left out. Not "any IP".
  return ips.length > 0 ? ips : 'unknown';
}

const WEBSITE_ONLY: Revocability = {
  canRevoke: false,
  how: 'website-only',
  reason: "Binance's API cannot delete the key it is called with, nor any master-account key; delete it on Binance's API management page.",
  manageUrl: manageKeysUrl,
};
// The delete endpoint's notes: "The caller must pass the KYC IP restriction check", "Asset Sub Account is not supported"
// (docs/exchanges/binance.md#key-deletion).
const BY_MASTER_KEY: Revocability = {
  canRevoke: true,
  how: api.revokeSubKeys,
  reason:
    "Deleted through Binance's sub-account API with this connection's master-account key. Binance does so only when the call passes its KYC IP restriction check, and never for an asset-management sub-account.",
  manageUrl: manageKeysUrl,
};
const ASSET_MANAGEMENT_SUB_ACCOUNT: Revocability = {
  canRevoke: false,
  how: 'website-only',
  reason: "This is an asset-management sub-account, whose keys Binance's API does not delete; delete it on Binance's API management page.",
  manageUrl: manageKeysUrl,
};

/** A sub-account whose own key is the connection: Binance does not tell the sub-account its email. */
const OWN_SUB_ACCOUNT: AccountRef = { kind: 'sub', name: 'unknown sub-account' };

export type BinanceCallingKeyContext = {
  apiKey: string;
  /** The account answered the sub-account list, or may have: it may manage sub-accounts. */
  isMasterAccount: boolean;
  /** The account said it is a sub-account (docs/exchanges/binance.md#calling-key). */
  isSubAccount?: boolean;
};

/**
 * The connection's own key, from apiRestrictions. Binance reports only whether an IP restriction exists, never the
 * list: a restricted key's whitelist is 'unknown', and said to be unreported. The account is the master unless it said
 * it is a sub-account (a plain account is its own top account).
 */
export function toBinanceCallingKey(raw: BinanceApiRestrictions, { apiKey, isMasterAccount, isSubAccount = false }: BinanceCallingKeyContext): ExchangeKey {
  const permissions = toBinancePermissions(raw, (name) => name !== 'ipRestrict');
  const capabilities = toBinanceCallingKeyCapabilities(permissions);
  // manage-subaccounts is derived: master account + spot-and-margin trading, UNVERIFIED (docs/exchanges/binance.md#uncertain-mappings).
  if (isMasterAccount && !isSubAccount && permissions.includes('enableSpotAndMarginTrading')) {
    capabilities.push({ capability: 'manage-subaccounts', from: 'enableSpotAndMarginTrading', isUncertain: true });
  }
  return {
    exchange: 'binance',
    account: isSubAccount ? OWN_SUB_ACCOUNT : BINANCE_MASTER_ACCOUNT,
    apiKey: maskApiKey(apiKey),
    label: '',
    permissions,
    capabilities,
    ipWhitelist: raw.ipRestrict ? 'unknown' : null,
    createdAt: isoDateFromMs(raw.createTime),
    expiresAt: isoDateFromMs(raw.tradingAuthorityExpirationTime),
    lastUsedAt: null,
    isCallingKey: true,
    revocability: WEBSITE_ONLY,
    isThirdPartyBound: null,
    ...(raw.ipRestrict ? { unreported: ['ip-whitelist'] as const } : {}),
  };
}

export type BinanceSubAccountKeyContext = {
  account: AccountRef;
  /** Its ipRestriction answer; null when it could not be read. */
  ipRestriction: BinanceIpRestriction | null;
  /** When Binance reported the key, if it came from keyaudit's cache. */
  observedAtMs?: number;
  /** The sub-account list marks the account as an asset-management sub-account. */
  isAssetManagementSubAccount?: boolean;
};

const THIRD_PARTY_STATUS = '3';

/**
 * Whether a third-party app is bound to the key: IP restriction status 3 or a `thirdPartyName`, on the listed key or its
 * IP restriction (docs/exchanges/binance.md#permissions); status 1 or 2 says it is not; null when Binance did not say.
 */
export function toBinanceThirdPartyBinding(raw: BinanceSubAccountApiKey, ipRestriction: BinanceIpRestriction | null): boolean | null {
  const sources = [raw, ipRestriction].filter((source) => source !== null);
  if (sources.some((source) => (source.thirdPartyName ?? '').trim() !== '' || String(source.status ?? '') === THIRD_PARTY_STATUS)) return true;
  return sources.some((source) => source.status !== null && source.status !== undefined) ? false : null;
}

/**
 * A listed sub-account key. Binance reports no expiry, no last use, and no withdrawal: the sub-account key API has no
 * such flag, so the key says "withdraw not reported" instead of looking read-only (docs/exchanges/binance.md#permissions).
 */
export function toBinanceSubAccountKey(
  raw: BinanceSubAccountApiKey,
  { account, ipRestriction, observedAtMs, isAssetManagementSubAccount = false }: BinanceSubAccountKeyContext,
): ExchangeKey {
  const permissions = toBinancePermissions(raw, (name) => /^can[A-Z]/.test(name));
  const ipWhitelist = toBinanceIpWhitelist(ipRestriction);
  // Restricted, yet no list: Binance left the addresses out (third-party keys among them), which is not a failure to read.
  const isListLeftOut = ipRestriction !== null && ipWhitelist === 'unknown';
  return {
    exchange: 'binance',
    account,
    apiKey: raw.apikey,
    label: raw.apiName ?? '',
    permissions,
    capabilities: toBinanceSubAccountKeyCapabilities(permissions),
    ipWhitelist,
    createdAt: isoDateFromMs(raw.timestamp),
    expiresAt: null,
    lastUsedAt: null,
    isCallingKey: false,
    revocability: isAssetManagementSubAccount ? ASSET_MANAGEMENT_SUB_ACCOUNT : BY_MASTER_KEY,
    isThirdPartyBound: toBinanceThirdPartyBinding(raw, ipRestriction),
    unreported: isListLeftOut ? ['withdraw', 'ip-whitelist'] : ['withdraw'],
    // No answer to the IP-restriction read: the whitelist is unknown, and the key says so (never "any IP").
    ...(ipRestriction === null ? { unread: ['ip-whitelist'] as const } : {}),
    ...(observedAtMs === undefined ? {} : { observedAt: isoDateFromMs(observedAtMs) }),
  };
}
