import { describe, expect, it } from 'vitest';
import { checkBaseUrl } from './base-url-policy.ts';

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
