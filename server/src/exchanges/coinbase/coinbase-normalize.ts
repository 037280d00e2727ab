import type { AccountRef, ExchangeKey } from '@contract/audited-key.ts';
import type { Capability, GrantedCapability } from '@contract/capability.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import type { CoinbaseKeyPermissions } from './coinbase-responses.ts';

const { name, manageKeysUrl } = exchangeInfo('coinbase');

type Mapping = readonly { capability: Capability; isUncertain: boolean }[];
const sure = (...capabilities: Capability[]): Mapping => capabilities.map((capability) => ({ capability, isUncertain: false }));
const inferred = (...capabilities: Capability[]): Mapping => capabilities.map((capability) => ({ capability, isUncertain: true }));

/**
 * key_permissions flags → capabilities (docs/exchanges/coinbase.md#permissions, whose table
 * coinbase-permissions.test.ts holds this one to). A flag is a permission word when it is true.
 */
export const COINBASE_FLAG_CAPABILITIES: Readonly<Record<string, Mapping>> = {
  can_view: sure('read'),
  // Orders on the key's portfolio; an INTX or futures portfolio trades derivatives too (an inference).
  can_trade: [...sure('trade-spot'), ...inferred('trade-futures')],
  // "deposit/withdrawal permissions".
  can_transfer: sure('withdraw', 'transfer-external'),
  // "receive inbound payments permissions": brings funds in, moves none out.
  can_receive: sure('other'),
};

const FLAGS = ['can_view', 'can_trade', 'can_transfer', 'can_receive'] as const;

/** The flags that are true, in Coinbase's order, then the portfolio type as `portfolio_type=…`. */
export function toCoinbasePermissionWords(raw: CoinbaseKeyPermissions): string[] {
  return [...FLAGS.filter((flag) => raw[flag] === true), ...(raw.portfolio_type ? [`portfolio_type=${raw.portfolio_type}`] : [])];
}

export function toCoinbaseCapabilities(words: readonly string[]): GrantedCapability[] {
  return words.flatMap((word) => (COINBASE_FLAG_CAPABILITIES[word] ?? []).map(({ capability, isUncertain }) => ({ capability, from: word, isUncertain })));
}

/** A CDP key belongs to a portfolio, not to a sub-account: keyaudit files it under the account itself. */
export const COINBASE_ACCOUNT: AccountRef = { kind: 'master', name: 'master' };

/**
 * The calling key, the only one Coinbase's API describes. The IP allowlist is not reported (docs/exchanges/coinbase.md#calling-key):
 * it is unknown, never "any IP", and `unreported` says so, so the key's whitelist findings treat it as not known.
 */
export function toCoinbaseExchangeKey(raw: CoinbaseKeyPermissions, keyName: string): ExchangeKey {
  const words = toCoinbasePermissionWords(raw);
  return {
    exchange: 'coinbase',
    account: COINBASE_ACCOUNT,
    apiKey: maskApiKey(keyName),
    label: raw.portfolio_type ? `${raw.portfolio_type.toLowerCase()} portfolio` : '',
    permissions: words,
    capabilities: toCoinbaseCapabilities(words),
    ipWhitelist: 'unknown',
    unreported: ['ip-whitelist'],
    createdAt: null,
    expiresAt: null,
    lastUsedAt: null,
    isCallingKey: true,
    revocability: {
      canRevoke: false,
      how: 'website-only',
      reason: `${name}'s API cannot delete API keys; delete it in the Coinbase Developer Platform.`,
      manageUrl: manageKeysUrl,
    },
  };
}
