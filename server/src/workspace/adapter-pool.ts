import type { ExchangeId } from '@contract/exchange-id.ts';
import type { ExchangeAdapter } from '../exchanges/exchange-adapter.ts';
import type { HttpTransport } from '../exchanges/http-transport.ts';
import { checkBaseUrl } from '../exchanges/base-url-policy.ts';
import { ExchangeError } from '../exchanges/exchange-error.ts';
import { createAdapter, DEFAULT_BASE_URLS } from '../exchanges/registry.ts';
import type { StoredConnection } from '../secrets/stored-connection.ts';

/**
 * One adapter per connection, kept between audits: adapters remember the exchange's clock
 * offset and rate-limit budget, which a fresh adapter would have to learn again.
 */
export function createAdapterPool({ transport, now }: { transport: HttpTransport; now: () => number }) {
  const pool = new Map<string, { baseUrl: string; adapter: ExchangeAdapter }>();

  const build = (exchange: ExchangeId, baseUrlOverride: string | null): { baseUrl: string; adapter: ExchangeAdapter } => {
    const candidate = baseUrlOverride ?? DEFAULT_BASE_URLS[exchange];
    if (!candidate) throw new ExchangeError('invalid-request', `keyaudit cannot audit ${exchange} keys yet.`);
    const checked = checkBaseUrl(candidate);
    if (!checked.ok) throw new ExchangeError('invalid-request', checked.reason);
    return { baseUrl: checked.url, adapter: createAdapter(exchange, { transport, baseUrl: checked.url, now }) };
  };

  return {
    adapterFor(connection: StoredConnection): ExchangeAdapter {
      const cached = pool.get(connection.id);
      const wanted = connection.baseUrl ?? DEFAULT_BASE_URLS[connection.exchange];
      if (cached && cached.baseUrl === wanted) return cached.adapter;
      const built = build(connection.exchange, connection.baseUrl);
      pool.set(connection.id, built);
      return built.adapter;
    },
    adapterForUnsaved(exchange: ExchangeId, baseUrl: string | null): ExchangeAdapter {
      return build(exchange, baseUrl).adapter;
    },
    forget(connectionId: string) {
      pool.delete(connectionId);
    },
    clear() {
      pool.clear();
    },
  };
}
