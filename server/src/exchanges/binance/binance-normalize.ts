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

/** Flags of GET /sapi/v1/account/apiRestrictions → capabilities (docs/exchanges/binance.md#permissions). */
const CALLING_KEY_FLAGS: Readonly<Record<string, Mapping>> = {
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
  enableFixApiTrade: { capabilities: ['trade-spot'], isUncertain: true },
  enableFixReadOnly: { capabilities: ['read'], isUncertain: true },
};

/** Flags of a GET /sapi/v1/sub-account/subAccountApi item (docs/exchanges/binance.md#permissions, from the create-key parameter docs). */
const SUB_ACCOUNT_KEY_FLAGS: Readonly<Record<string, Mapping>> = {
  canTrade: certain('trade-spot', 'trade-margin'), // "Spot & Margin trading permission"
  canMarginLoanRepay: certain('trade-margin'),
  canFuturesTrade: certain('trade-futures'),
  canUniversalTransfer: certain('transfer-internal'),
  canVanillaOptions: certain('trade-options'),
};

/** Binance keys can always read, and the sub-account listing has no flag for it (docs/exchanges/binance.md#permissions). */
const IMPLICIT_READ: GrantedCapability = { capability: 'read', from: 'enableReading', isUncertain: false };

/** Boolean-flag answers: the raw permission words are the names of the flags that are true. */
export function toBinancePermissions(raw: Record<string, unknown>, isFlag: (name: string) => boolean): string[] {
  return Object.entries(raw).filter(([name, value]) => value === true && isFlag(name)).map(([name]) => name);
}

function toCapabilities(permissions: readonly string[], table: Readonly<Record<string, Mapping>>): GrantedCapability[] {
  return permissions.flatMap((word) => {
    const mapping = table[word];
    if (!mapping) return [{ capability: 'other' as const, from: word, isUncertain: true }];
    return mapping.capabilities.map((capability) => ({ capability, from: word, isUncertain: mapping.isUncertain }));
  });
}

export const toBinanceCallingKeyCapabilities = (permissions: readonly string[]) => toCapabilities(permissions, CALLING_KEY_FLAGS);
export const toBinanceSubAccountKeyCapabilities = (permissions: readonly string[]) =>
  [IMPLICIT_READ, ...toCapabilities(permissions, SUB_ACCOUNT_KEY_FLAGS)];

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
const BY_MASTER_KEY: Revocability = {
  canRevoke: true,
  how: api.revokeSubKeys,
  reason: "Deleted through Binance's sub-account API with this connection's master-account key (Binance labels the deletion TRADE: that key may need 'Enable Spot & Margin Trading').",
  manageUrl: manageKeysUrl,
};

/**
 * The connection's own key, from apiRestrictions. Binance reports only whether an IP restriction exists, never the
 * list: a restricted key's whitelist is 'unknown'. isMasterAccount: the account answered the sub-account list.
 */
export function toBinanceCallingKey(raw: BinanceApiRestrictions, { apiKey, isMasterAccount }: { apiKey: string; isMasterAccount: boolean }): ExchangeKey {
  const permissions = toBinancePermissions(raw, (name) => name !== 'ipRestrict');
  const capabilities = toBinanceCallingKeyCapabilities(permissions);
  // manage-subaccounts is derived: master account + spot-and-margin trading, UNVERIFIED (docs/exchanges/binance.md#uncertain-mappings).
  if (isMasterAccount && permissions.includes('enableSpotAndMarginTrading')) {
    capabilities.push({ capability: 'manage-subaccounts', from: 'enableSpotAndMarginTrading', isUncertain: true });
  }
  return {
    exchange: 'binance',
    account: BINANCE_MASTER_ACCOUNT,
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
  };
}

export type BinanceSubAccountKeyContext = {
  account: AccountRef;
  /** Its ipRestriction answer; null when it could not be read. */
  ipRestriction: BinanceIpRestriction | null;
  /** When Binance reported the key, if it came from keyaudit's cache. */
  observedAtMs?: number;
};

/** A listed sub-account key. Binance reports no expiry, no last use and (in this listing) no third-party binding. */
export function toBinanceSubAccountKey(raw: BinanceSubAccountApiKey, { account, ipRestriction, observedAtMs }: BinanceSubAccountKeyContext): ExchangeKey {
  const permissions = toBinancePermissions(raw, (name) => /^can[A-Z]/.test(name));
  return {
    exchange: 'binance',
    account,
    apiKey: raw.apikey,
    label: raw.apiName ?? '',
    permissions,
    capabilities: toBinanceSubAccountKeyCapabilities(permissions),
    ipWhitelist: toBinanceIpWhitelist(ipRestriction),
    createdAt: isoDateFromMs(raw.timestamp),
    expiresAt: null,
    lastUsedAt: null,
    isCallingKey: false,
    revocability: BY_MASTER_KEY,
    isThirdPartyBound: null,
    ...(observedAtMs === undefined ? {} : { observedAt: isoDateFromMs(observedAtMs) }),
  };
}
