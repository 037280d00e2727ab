import type { ExchangeId } from '@contract/exchange-id.ts';
import type { ExchangeAdapter } from '../exchanges/exchange-adapter.ts';
import type { HttpTransport } from '../exchanges/http-transport.ts';
import { checkBaseUrl } from '../exchanges/base-url-policy.ts';
import { ExchangeError } from '../exchanges/exchange-error.ts';
import { createAdapter } from '../exchanges/registry.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import type { StoredConnection } from '../secrets/stored-connection.ts';

export type AdapterPool = ReturnType<typeof createAdapterPool>;

/**
 * One adapter per connection, kept between audits: adapters remember the exchange's clock
 * offset and rate-limit budget, which a fresh adapter would have to learn again.
 */
export function createAdapterPool({ transport, now }: { transport: HttpTransport; now: () => number }) {
  const pool = new Map<string, { baseUrl: string; adapter: ExchangeAdapter }>();

  const baseUrlFor = (exchange: ExchangeId, baseUrlOverride: string | null): string => {
    const checked = checkBaseUrl(baseUrlOverride ?? exchangeInfo(exchange).apiBaseUrl);
    if (!checked.ok) throw new ExchangeError('invalid-request', checked.reason);
    return checked.url;
  };
  const build = (exchange: ExchangeId, baseUrl: string) => createAdapter(exchange, { transport, baseUrl, now });

  return {
    adapterFor(connection: StoredConnection): ExchangeAdapter {
      const baseUrl = baseUrlFor(connection.exchange, connection.baseUrl);
      const cached = pool.get(connection.id);
      if (cached?.baseUrl === baseUrl) return cached.adapter;
      const adapter = build(connection.exchange, baseUrl);
      pool.set(connection.id, { baseUrl, adapter });
      return adapter;
    },
    adapterForUnsaved(exchange: ExchangeId, baseUrl: string | null): ExchangeAdapter {
      return build(exchange, baseUrlFor(exchange, baseUrl));
    },
    forget(connectionId: string) {
      pool.delete(connectionId);
    },
    clear() {
      pool.clear();
    },
  };
}
