import type { ExchangeAdapter } from '../exchange-adapter.ts';
import { ExchangeError } from '../exchange-error.ts';
import { createKrakenClient, type KrakenClientDeps } from './kraken-client.ts';
import { toKrakenCallingExchangeKey } from './kraken-normalize.ts';
import { krakenApiKeyInfoSchema, parseKrakenResult } from './kraken-responses.ts';

/**
 * GetApiKeyInfo needs no permission (docs/exchanges/kraken.md#errors), so a refusal of it is not about permissions: the
 * likeliest reason is an IP allowlist this machine is not on.
 */
const notOnAllowlist = () => new ExchangeError(
  'ip-not-allowed',
  "Kraken refused this key although reading a key's own details needs no permission: this machine's IP address is most likely not on the key's IP allowlist.",
  { exchangeCode: 'EGeneral:Permission denied' },
);

/**
 * Kraken's Spot API shows only the key it is called with (docs/exchanges/kraken.md#calling-key): no sub-accounts, no other
 * keys, no deletion. One instance per connection: it paces that connection's calls.
 */
export function createKrakenAdapter(deps: KrakenClientDeps): ExchangeAdapter {
  const client = createKrakenClient(deps);
  return {
    id: 'kraken',

    async fetchCallingKey(credentials) {
      try {
        const result = await client.fetchPrivate(credentials, { path: '/0/private/GetApiKeyInfo' });
        return toKrakenCallingExchangeKey(parseKrakenResult(krakenApiKeyInfoSchema, result));
      } catch (error) {
        if (error instanceof ExchangeError && error.exchangeCode === 'EGeneral:Permission denied') throw notOnAllowlist();
        throw error;
      }
    },

    /** No endpoint lists Kraken sub-accounts (docs/exchanges/kraken.md#sub-accounts). */
    async fetchSubAccounts() {
      return [];
    },

    async fetchSubAccountKeys() {
      throw new ExchangeError('invalid-request', "Kraken's API lists no sub-account keys.");
    },

    async revokeKey() {
      throw new ExchangeError('invalid-request', "Kraken's API cannot delete API keys; delete the key on Kraken's API settings page.");
    },
  } satisfies ExchangeAdapter;
}
