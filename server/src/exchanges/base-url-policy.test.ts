import { describe, expect, it } from 'vitest';
import { EXCHANGE_IDS } from '@contract/exchange-id.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { InvalidInputError } from '../errors/user-facing-error.ts';
import { assertDashboardBaseUrl, checkBaseUrl } from './base-url-policy.ts';

describe(checkBaseUrl.name, () => {
  it.each([
    ['https://api.kucoin.com', 'https://api.kucoin.com'],
    ['https://api.kucoin.com/', 'https://api.kucoin.com'],
    ['http://127.0.0.1:4319/kucoin', 'http://127.0.0.1:4319/kucoin'],
    ['http://localhost:9000', 'http://localhost:9000'],
  ])('accepts %s', (input, normalized) => {
    expect(checkBaseUrl(input)).toEqual({ ok: true, url: normalized });
  });

  it.each(['http://api.kucoin.com', 'http://192.168.1.5:8080', 'ftp://x', 'not a url', 'https://user:pw@api.kucoin.com', 'https://api.kucoin.com/?x=1'])(
    'refuses %s',
    (input) => {
      expect(checkBaseUrl(input).ok).toBe(false);
    },
  );
});

describe(assertDashboardBaseUrl.name, () => {
  it("accepts the exchange table's API hosts and loopback, and nothing else", () => {
    for (const exchange of EXCHANGE_IDS) {
      const info = exchangeInfo(exchange);
      for (const official of [info.apiBaseUrl, ...info.otherApiBaseUrls]) expect(() => assertDashboardBaseUrl(exchange, official)).not.toThrow();
      for (const local of ['http://127.0.0.1:4100', 'http://localhost:9', 'http://[::1]:8080/prefix']) expect(() => assertDashboardBaseUrl(exchange, local)).not.toThrow();
      for (const foreign of ['https://example.com', `https://${new URL(info.apiBaseUrl).hostname}.example.com`, 'https://10.0.0.1', `${info.apiBaseUrl}:8443`]) {
        expect(() => assertDashboardBaseUrl(exchange, foreign), foreign).toThrow(InvalidInputError);
      }
    }
    expect(() => assertDashboardBaseUrl(EXCHANGE_IDS[0], null)).not.toThrow();
  });
});
