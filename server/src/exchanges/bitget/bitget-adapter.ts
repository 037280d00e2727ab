import type { ExchangeAdapter } from '../exchange-adapter.ts';
import { ExchangeError } from '../exchange-error.ts';
import { createBitgetClient, type BitgetClientDeps } from './bitget-client.ts';
import { toBitgetCallingExchangeKey } from './bitget-normalize.ts';
import { bitgetAccountInfoSchema, parseBitgetData } from './bitget-responses.ts';

/**
 * keyaudit reads only the key it is called with on Bitget (docs/exchanges/bitget.md#calling-key); sub-accounts are not
 * listed yet and nothing is deleted. One instance per connection: it keeps that connection's clock offset and pace.
 */
export function createBitgetAdapter(deps: BitgetClientDeps): ExchangeAdapter {
  const client = createBitgetClient(deps);
  return {
    id: 'bitget',

    /** GET /api/v2/spot/account/info; a unified trading account gets 40085, which the errors table says in plain words. */
    async fetchCallingKey(credentials) {
      const data = await client.fetchPrivate(credentials, { method: 'GET', path: '/api/v2/spot/account/info' });
      return toBitgetCallingExchangeKey(parseBitgetData(bitgetAccountInfoSchema, data), credentials.apiKey);
    },

    async fetchSubAccounts() {
      return [];
    },

    async fetchSubAccountKeys() {
      throw new ExchangeError('invalid-request', 'keyaudit does not list Bitget sub-account keys yet.');
    },

    async revokeKey() {
      throw new ExchangeError('invalid-request', "keyaudit does not delete Bitget keys; delete the key on Bitget's API management page.");
    },
  } satisfies ExchangeAdapter;
}
