// Pins signBitgetRequest to a regression vector of our own (docs/exchanges/bitget.md#test-vectors: Bitget publishes a prehash
// but no secret or signature) and to ccxt, an independent signer.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bitget } from 'ccxt';
import { signBitgetRequest } from './bitget-sign.ts';
import { redact } from '../../secrets/redacted.ts';
import type { Credentials } from '../exchange-adapter.ts';
import { ExchangeError } from '../exchange-error.ts';

const BASE_URL = 'https://api.bitget.com';
const credentials = (apiKey: string, secret: string, passphrase: string): Credentials => ({ apiKey, secret: redact(secret), passphrase: redact(passphrase) });

describe(signBitgetRequest.name, () => {
  it("signs the signature page's example prehash by the documented recipe, the query sorted", () => {
    const signed = signBitgetRequest(
      { baseUrl: BASE_URL, method: 'GET', path: '/api/mix/v2/market/depth', query: [['symbol', 'BTCUSDT'], ['limit', '20']] },
      credentials('bg_key', 'secret', 'pass phrase'),
      16273667805456,
    );
    // Computed apart from this code: printf '%s' <prehash> | openssl dgst -sha256 -hmac secret -binary | base64
    const expected = 'RI9g5pCkEX/+tr0RueyMGckGzeuXz9BiN78aBgIEayo=';
    expect(signed).toEqual({
      method: 'GET',
      url: `${BASE_URL}/api/mix/v2/market/depth?limit=20&symbol=BTCUSDT`,
      headers: {
        'ACCESS-KEY': 'bg_key', 'ACCESS-SIGN': expected, 'ACCESS-TIMESTAMP': '16273667805456', 'ACCESS-PASSPHRASE': 'pass phrase',
        'Content-Type': 'application/json', locale: 'en-US',
      },
    });
  });

  it('signs the raw query but sends it encoded', () => {
    const signed = signBitgetRequest({ baseUrl: BASE_URL, method: 'GET', path: '/api/v2/x', query: [['note', 'a b/c']] }, credentials('k', 's', 'p'), 1);
    expect(signed.url).toBe(`${BASE_URL}/api/v2/x?note=a%20b%2Fc`);
    expect(signed.headers['ACCESS-SIGN']).toBe(createHmac('sha256', 's').update('1GET/api/v2/x?note=a b/c').digest('base64'));
  });

  it('refuses to sign without the passphrase', () => {
    expect(() => signBitgetRequest({ baseUrl: BASE_URL, method: 'GET', path: '/api/v2/spot/account/info' }, { apiKey: 'k', secret: redact('s') }, 1)).toThrow(ExchangeError);
  });
});

describe('signBitgetRequest agrees with ccxt', () => {
  it.each([
    { name: 'account info without a query', path: 'spot/account/info', params: {} as Record<string, string> },
    { name: 'a GET with an unsorted query', path: 'spot/account/assets', params: { coin: 'USDT', assetType: 'hold_only' } as Record<string, string> },
  ])('for $name', ({ path, params }) => {
    const timestampMs = 1_700_000_000_000;
    const apiKey = 'bg_0a1b2c3d4e5f67890a1b2c3d4e5f6789';
    const secret = '9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0';
    const exchange = new bitget({ apiKey, secret, password: 'audit-pass' });
    exchange.nonce = () => timestampMs;
    const theirs = exchange.sign(`v2/${path}`, ['private', 'spot'], 'GET', { ...params });

    const signed = signBitgetRequest({ baseUrl: BASE_URL, method: 'GET', path: `/api/v2/${path}`, query: Object.entries(params) }, credentials(apiKey, secret, 'audit-pass'), timestampMs);

    for (const header of ['ACCESS-KEY', 'ACCESS-SIGN', 'ACCESS-TIMESTAMP', 'ACCESS-PASSPHRASE']) expect(signed.headers[header], header).toBe(theirs.headers[header]);
    expect(signed.url).toBe(theirs.url);
  });
});
