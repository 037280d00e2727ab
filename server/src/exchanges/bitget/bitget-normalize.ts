import type { AccountRef, ExchangeKey, IpWhitelist } from '@contract/audited-key.ts';
import type { Capability, GrantedCapability } from '@contract/capability.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import { toUnknownPermissionCapabilities } from '../unknown-permission.ts';
import type { BitgetAccountInfo, BitgetVirtualSubAccountApiKey } from './bitget-responses.ts';

const { manageKeysUrl } = exchangeInfo('bitget');

/** Bitget's answer says nothing keyaudit can rely on about the account's kind (docs/exchanges/bitget.md#calling-key). */
export const BITGET_ACCOUNT: AccountRef = { kind: 'master', name: 'master' };

type Mapping = readonly { capability: Capability; isUncertain: boolean }[];
const sure = (...capabilities: Capability[]): Mapping => capabilities.map((capability) => ({ capability, isUncertain: false }));
const inferred = (...capabilities: Capability[]): Mapping => capabilities.map((capability) => ({ capability, isUncertain: true }));

/**
 * Bitget `authorities` → capabilities (docs/exchanges/bitget.md#permissions, whose table
 * server/src/exchanges/bitget/bitget-permissions.test.ts holds this one to).
 */
export const BITGET_AUTHORITY_CAPABILITIES: Readonly<Record<string, Mapping>> = {
  readonly: sure('read'),
  coor: sure('read'),
  cpor: sure('read'),
  stor: sure('read'),
  smor: sure('read'),
  ttor: sure('read'),
  wtor: sure('read'),
  taxr: sure('read'),
  chor: sure('read'),
  p2pr: sure('read'),
  pllr: sure('read'),
  coow: sure('trade-futures'),
  cpow: sure('trade-futures'),
  stow: sure('trade-spot'),
  smow: sure('trade-margin'),
  // Copy trading, and the example answer's "trade": which markets is not said (docs/exchanges/bitget.md#uncertain-mappings).
  ttow: inferred('trade-futures', 'trade-spot'),
  trade: inferred('trade-spot', 'trade-futures'),
  wtow: sure('transfer-internal'),
  wwow: sure('withdraw'),
  chow: sure('manage-subaccounts'),
  // P2P hands escrowed crypto to other people; what the API permission allows is undocumented.
  p2p: inferred('transfer-external'),
  pllw: inferred('other'),
  taxw: sure('other'),
  // Virtual sub-account keys' permList (docs/exchanges/bitget.md#sub-account-keys): another vocabulary, same table.
  read: sure('read'),
  spot_trade: sure('trade-spot'),
  margin_trade: sure('trade-margin'),
  contract_trade: sure('trade-futures'),
  contract_order: sure('trade-futures'),
  // "Contract position": managing futures positions (closing, leverage) is trading futures.
  contract_position: inferred('trade-futures'),
  copytrading_trade: inferred('trade-futures', 'trade-spot'),
  transfer: sure('transfer-internal'),
  wallet_transfer: sure('transfer-internal'),
  wallet_withdraw: sure('withdraw'),
};

export function toBitgetCapabilities(authorities: readonly string[]): GrantedCapability[] {
  return authorities.flatMap((word) => {
    const mapping = Object.hasOwn(BITGET_AUTHORITY_CAPABILITIES, word) ? BITGET_AUTHORITY_CAPABILITIES[word]! : null;
    if (!mapping) return toUnknownPermissionCapabilities(word);
    return mapping.map(({ capability, isUncertain }) => ({ capability, from: word, isUncertain }));
  });
}

/**
 * One comma-separated string (the calling key's `ips`) or a list (a sub-account key's `ipList`); empty is no binding,
 * missing is unknown (docs/exchanges/bitget.md#calling-key, #sub-account-keys).
 */
export function toBitgetIpWhitelist(ips: string | readonly string[] | null | undefined): IpWhitelist {
  if (ips === null || ips === undefined) return 'unknown';
  const entries = (typeof ips === 'string' ? ips.split(',') : ips.flatMap((entry) => entry.split(','))).map((entry) => entry.trim()).filter((entry) => entry !== '');
  return entries.length === 0 ? null : entries;
}

/** GET /api/v2/spot/account/info: the only key keyaudit reads on Bitget. It has no label, dates or key id of its own. */
export function toBitgetCallingExchangeKey(raw: BitgetAccountInfo, apiKey: string): ExchangeKey {
  return {
    exchange: 'bitget',
    account: BITGET_ACCOUNT,
    apiKey: maskApiKey(apiKey),
    label: '',
    permissions: [...raw.authorities],
    capabilities: toBitgetCapabilities(raw.authorities),
    ipWhitelist: toBitgetIpWhitelist(raw.ips),
    createdAt: null,
    expiresAt: null,
    lastUsedAt: null,
    isCallingKey: true,
    isThirdPartyBound: null,
    revocability: WEBSITE_ONLY,
  };
}

const WEBSITE_ONLY: ExchangeKey['revocability'] = {
  canRevoke: false,
  how: 'website-only',
  reason: "keyaudit does not delete Bitget keys: Bitget's API deletes none of a classic account's keys, sub-accounts' included; delete it on Bitget's API management page.",
  manageUrl: manageKeysUrl,
};

/**
 * One key of GET /api/v2/user/virtual-subaccount-apikey-list (docs/exchanges/bitget.md#sub-account-keys): its label,
 * permList and ipList; no dates. `account` names the sub-account by its UID, which addresses it on Bitget.
 */
export function toBitgetSubAccountExchangeKey(raw: BitgetVirtualSubAccountApiKey, account: AccountRef): ExchangeKey {
  return {
    exchange: 'bitget',
    account,
    apiKey: raw.subAccountApiKey,
    label: raw.label ?? '',
    permissions: [...raw.permList],
    capabilities: toBitgetCapabilities(raw.permList),
    ipWhitelist: toBitgetIpWhitelist(raw.ipList),
    createdAt: null,
    expiresAt: null,
    lastUsedAt: null,
    isCallingKey: false,
    isThirdPartyBound: null,
    revocability: WEBSITE_ONLY,
  };
}
