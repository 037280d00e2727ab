import type { AccountRef, ExchangeKey, IpWhitelist, Revocability } from '@contract/audited-key.ts';
import type { Capability, GrantedCapability } from '@contract/capability.ts';
import type { KucoinApiKey } from './kucoin-responses.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { isoDateFromMs } from '../iso-date.ts';
import { toUnknownPermissionCapabilities } from '../unknown-permission.ts';

const { manageKeysUrl: manageUrl, api } = exchangeInfo('kucoin');

type Mapping = { capabilities: readonly Capability[]; isUncertain: boolean };

/**
 * Permission words of key responses → capabilities (docs/exchanges/kucoin.md#permissions, whose table
 * server/src/exchanges/kucoin/kucoin-permissions.test.ts holds this one to).
 * Keys are lower-case: lookups ignore case, the raw word is kept as reported.
 */
export const KUCOIN_PERMISSION_CAPABILITIES: Readonly<Record<string, Mapping>> = {
  general: { capabilities: ['read'], isUncertain: false },
  spot: { capabilities: ['trade-spot'], isUncertain: false },
  margin: { capabilities: ['trade-margin'], isUncertain: false },
  futures: { capabilities: ['trade-futures'], isUncertain: false },
  leadtradefutures: { capabilities: ['trade-futures'], isUncertain: false },
  // Legacy keys: "Only "General" and "Trade" permissions can be set" (old create-key docs).
  trade: { capabilities: ['trade-spot'], isUncertain: false },
  earn: { capabilities: ['earn'], isUncertain: false },
  // InnerTransfer = FlexTransfers is inferred from identical docs text (docs/exchanges/kucoin.md#uncertain-mappings).
  innertransfer: { capabilities: ['transfer-internal'], isUncertain: true },
  flextransfers: { capabilities: ['transfer-internal'], isUncertain: true },
  withdrawal: { capabilities: ['withdraw'], isUncertain: false },
  // "Transfer" in key responses is described word for word like "Withdrawal": an inference (docs/exchanges/kucoin.md#uncertain-mappings).
  transfer: { capabilities: ['withdraw'], isUncertain: true },
  // Newest docs only: "Trade spot and derivatives simultaneously from a single account".
  unified: { capabilities: ['trade-spot', 'trade-futures'], isUncertain: true },
};

/** "General, Spot" → ["General", "Spot"]: docs examples mix "," and ", ". */
export function parseKucoinPermissions(permission: string | null | undefined): string[] {
  return (permission ?? '').split(',').map((word) => word.trim()).filter((word) => word !== '');
}

export function toKucoinCapabilities(permissions: readonly string[]): GrantedCapability[] {
  return permissions.flatMap((word) => {
    const mapping = KUCOIN_PERMISSION_CAPABILITIES[word.toLowerCase()];
    if (!mapping) return toUnknownPermissionCapabilities(word);
    return mapping.capabilities.map((capability) => ({ capability, from: word, isUncertain: mapping.isUncertain }));
  });
}

/** "" or missing: any IP may use the key. Masked entries ("203.**.154") are kept as KuCoin sent them. */
export function parseKucoinIpWhitelist(ipWhitelist: string | null | undefined): IpWhitelist {
  const entries = (ipWhitelist ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  return entries.length === 0 ? null : entries;
}

export function toKucoinAccountRef(raw: KucoinApiKey): AccountRef {
  if (raw.isMaster) return { kind: 'master', name: 'master' };
  return { kind: 'sub', name: raw.subName ?? String(raw.uid ?? 'unknown sub-account') };
}

function toRevocability(account: AccountRef, isCallingKey: boolean): Revocability {
  if (account.kind === 'master' && api.revokeMasterKeys === 'none') {
    const reason = "KuCoin's API cannot delete master-account keys; delete it on KuCoin's API management page.";
    return { canRevoke: false, how: 'website-only', reason, manageUrl };
  }
  if (isCallingKey) {
    const reason =
      "This connection uses this sub-account key, and KuCoin deletes sub-account keys only through a master-account key; delete it on KuCoin's API management page.";
    return { canRevoke: false, how: 'website-only', reason, manageUrl };
  }
  const reason = "KuCoin deletes a sub-account key only with that key's own API passphrase.";
  return { canRevoke: true, how: api.revokeSubKeys, reason, manageUrl };
}

export type KucoinKeyContext = {
  /** The connection's own key: its apiKey is masked. */
  isCallingKey: boolean;
  /** Where the key was found; defaults to what the key itself reports. */
  account?: AccountRef;
};

/** A raw KuCoin key as keyaudit's ExchangeKey. KuCoin reports no expiry, no last use and no third-party binding. */
export function toKucoinExchangeKey(raw: KucoinApiKey, { isCallingKey, account = toKucoinAccountRef(raw) }: KucoinKeyContext): ExchangeKey {
  const permissions = parseKucoinPermissions(raw.permission);
  return {
    exchange: 'kucoin',
    account,
    apiKey: isCallingKey ? maskApiKey(raw.apiKey) : raw.apiKey,
    label: raw.remark ?? '',
    permissions,
    capabilities: toKucoinCapabilities(permissions),
    ipWhitelist: parseKucoinIpWhitelist(raw.ipWhitelist),
    createdAt: isoDateFromMs(raw.createdAt),
    expiresAt: null,
    lastUsedAt: null,
    isCallingKey,
    revocability: toRevocability(account, isCallingKey),
    isThirdPartyBound: null,
  };
}
