import { exchangeInfo } from '@contract/exchanges.ts';
import type { ExchangeAdapter } from '../exchange-adapter.ts';
import { ExchangeError } from '../exchange-error.ts';
import { createCoinbaseClient, type CoinbaseClientDeps } from './coinbase-client.ts';
import { toCoinbaseExchangeKey } from './coinbase-normalize.ts';
import { coinbaseKeyPermissionsSchema, parseCoinbaseBody } from './coinbase-responses.ts';

export type CoinbaseAdapterDeps = CoinbaseClientDeps;

const { name } = exchangeInfo('coinbase');

/**
 * Coinbase Advanced Trade with a CDP key. Its API describes the calling key only (docs/exchanges/coinbase.md#calling-key):
 * no other key, no sub-accounts, no deletion. The audit says what it could not see from the exchange table.
 */
export function createCoinbaseAdapter(deps: CoinbaseAdapterDeps): ExchangeAdapter {
  const client = createCoinbaseClient(deps);
  return {
    id: 'coinbase',

    /** GET /api/v3/brokerage/key_permissions. */
    async fetchCallingKey(credentials) {
      const raw = parseCoinbaseBody(coinbaseKeyPermissionsSchema, await client.get(credentials, '/api/v3/brokerage/key_permissions'));
      return toCoinbaseExchangeKey(raw, credentials.apiKey);
    },

    async fetchSubAccounts() {
      return [];
    },

    async fetchSubAccountKeys() {
      throw new ExchangeError('invalid-request', `${name}'s API has no sub-accounts to list keys of.`);
    },

    async revokeKey() {
      throw new ExchangeError('invalid-request', `${name}'s API cannot delete API keys; delete it in the Coinbase Developer Platform.`);
    },
  } satisfies ExchangeAdapter;
}
