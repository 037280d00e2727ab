import type { AccountRef, ExchangeKey, IpWhitelist, Revocability } from '@contract/audited-key.ts';
import type { Capability, GrantedCapability } from '@contract/capability.ts';
import type { OkxAccountConfig, OkxSubAccountApiKey } from './okx-responses.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { isoDateFromMs } from '../iso-date.ts';
import { toUnknownPermissionCapabilities } from '../unknown-permission.ts';

const { manageKeysUrl, api } = exchangeInfo('okx');

const MASTER: AccountRef = { kind: 'master', name: 'master' };

/**
 * Permission words → capabilities (docs/exchanges/okx.md#permissions, whose table server/src/exchanges/okx/okx-permissions.test.ts
 * holds this one to). Keys are lower-case: lookups ignore case. OKX has one "trade" switch:
 * "Can place and cancel orders, funding transfer, make settings which need write permission".
 */
export const OKX_PERMISSION_CAPABILITIES: Readonly<Record<string, readonly Capability[]>> = {
  read_only: ['read'],
  // The modify-apikey answer says "read" where every other answer says "read_only" (docs/exchanges/okx.md#key-update).
  read: ['read'],
  trade: ['trade-spot', 'trade-margin', 'trade-futures', 'trade-options', 'transfer-internal'],
  withdraw: ['withdraw'],
};

/** What the connection's own key is, as far as managing other keys goes. */
export type OkxCallingKeyFacts = { isMaster: boolean; hasTrade: boolean; isIpBound: boolean };

/** "read_only,trade" → ["read_only", "trade"]. */
export function parseOkxPermissions(perm: string | null | undefined): string[] {
  return (perm ?? '').split(',').map((word) => word.trim()).filter((word) => word !== '');
}

/** `ip`: comma-separated IPs or network segments; "" when the key is bound to no IP (docs/exchanges/okx.md#calling-key). */
export function parseOkxIpWhitelist(ip: string | null | undefined): IpWhitelist {
  const entries = (ip ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  return entries.length === 0 ? null : entries;
}

/**
 * `isMasterIpBound`: only an IP-bound master key with trade may create, modify and delete sub-account keys
 * ("Applies to master accounts only and master accounts API Key must be linked to IP addresses", docs/exchanges/okx.md#key-deletion).
 */
export function toOkxCapabilities(permissions: readonly string[], { isMasterIpBound }: { isMasterIpBound: boolean }): GrantedCapability[] {
  return permissions.flatMap((word): GrantedCapability[] => {
    const capabilities = OKX_PERMISSION_CAPABILITIES[word.toLowerCase()];
    if (!capabilities) return toUnknownPermissionCapabilities(word);
    const derived: Capability[] = word.toLowerCase() === 'trade' && isMasterIpBound ? ['manage-subaccounts'] : [];
    return [...capabilities, ...derived].map((capability) => ({ capability, from: word, isUncertain: false }));
  });
}

/** uid === mainUid on a master account (docs/exchanges/okx.md#calling-key); `type` "0" (main) when mainUid is missing. */
export function toOkxCallingKeyFacts(config: OkxAccountConfig): OkxCallingKeyFacts {
  const isMaster = config.mainUid ? config.mainUid === config.uid : (config.type ?? '0') === '0';
  return {
    isMaster,
    hasTrade: parseOkxPermissions(config.perm).some((word) => word.toLowerCase() === 'trade'),
    isIpBound: parseOkxIpWhitelist(config.ip) !== null,
  };
}

/** OKX sends milliseconds as text. */
function toIsoDate(timestampText: string | null | undefined): string | null {
  return timestampText ? isoDateFromMs(Number(timestampText)) : null;
}

function websiteOnly(reason: string): Revocability {
  return { canRevoke: false, how: 'website-only', reason, manageUrl: manageKeysUrl };
}

function toSubKeyRevocability(revoker: OkxCallingKeyFacts): Revocability {
  const elsewhere = "delete it on OKX's API management page";
  if (!revoker.isMaster) return websiteOnly(`OKX deletes sub-account keys only through a master-account key; ${elsewhere}.`);
  if (api.revokeSubKeysNeeds.includes('trade') && !revoker.hasTrade) {
    return websiteOnly(`OKX deletes sub-account keys only through a master key with Trade permission, and this connection's key has none; ${elsewhere}.`);
  }
  if (api.revokeSubKeysNeeds.includes('ip-whitelist') && !revoker.isIpBound) {
    return websiteOnly(`OKX deletes sub-account keys only through a master key bound to IP addresses, and this connection's key accepts any IP; ${elsewhere}.`);
  }
  const reason = "keyaudit deletes it through this connection's master key, which has Trade permission and is bound to IPs as OKX requires.";
  return { canRevoke: true, how: api.revokeSubKeys, reason, manageUrl: manageKeysUrl };
}

/**
 * The connection's own key from GET /api/v5/account/config. OKX reports no creation date, expiry or last use for it.
 * A sub-account key learns its uid, not its sub-account name, so that uid names its account.
 */
export function toOkxCallingKey(config: OkxAccountConfig, apiKey: string): ExchangeKey {
  const facts = toOkxCallingKeyFacts(config);
  const permissions = parseOkxPermissions(config.perm);
  const revocability = facts.isMaster && api.revokeMasterKeys === 'none'
    ? websiteOnly("OKX's API cannot delete master-account keys; delete it on OKX's API management page.")
    : websiteOnly("This connection uses this sub-account key, and OKX deletes sub-account keys only through a master-account key; delete it on OKX's API management page.");
  return {
    exchange: 'okx',
    account: facts.isMaster ? MASTER : { kind: 'sub', name: config.uid },
    apiKey: maskApiKey(apiKey),
    label: config.label ?? '',
    permissions,
    capabilities: toOkxCapabilities(permissions, { isMasterIpBound: facts.isMaster && facts.isIpBound }),
    ipWhitelist: parseOkxIpWhitelist(config.ip),
    createdAt: null,
    expiresAt: null,
    lastUsedAt: null,
    isCallingKey: true,
    revocability,
    isThirdPartyBound: null,
  };
}

/**
 * A key listed by GET /api/v5/users/subaccount/apikey. OKX reports its creation time (`ts`) but no expiry
 * (keys with trade or withdraw and no IP expire after 14 days unused: a rule, not a field) and no last use.
 */
export function toOkxSubAccountKey(raw: OkxSubAccountApiKey, account: AccountRef, revoker: OkxCallingKeyFacts): ExchangeKey {
  const permissions = parseOkxPermissions(raw.perm);
  return {
    exchange: 'okx',
    account,
    apiKey: raw.apiKey,
    label: raw.label ?? '',
    permissions,
    capabilities: toOkxCapabilities(permissions, { isMasterIpBound: false }),
    ipWhitelist: parseOkxIpWhitelist(raw.ip),
    createdAt: toIsoDate(raw.ts),
    expiresAt: null,
    lastUsedAt: null,
    isCallingKey: false,
    revocability: toSubKeyRevocability(revoker),
    isThirdPartyBound: null,
  };
}
