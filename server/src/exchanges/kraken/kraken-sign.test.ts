// Pins signKrakenRequest to Kraken's published worked example (docs/exchanges/kraken.md#test-vectors) and to ccxt, an
// independent signer.
import { describe, expect, it } from 'vitest';
import { kraken } from 'ccxt';
import { signKrakenRequest } from './kraken-sign.ts';
import { redact } from '../../secrets/redacted.ts';
import type { Credentials } from '../exchange-adapter.ts';

const BASE_URL = 'https://api.kraken.com';
const credentials = (apiKey: string, secret: string): Credentials => ({ apiKey, secret: redact(secret) });

describe(signKrakenRequest.name, () => {
  it("reproduces the authentication page's AddOrder example", () => {
    const signed = signKrakenRequest(
      {
        baseUrl: BASE_URL,
        path: '/0/private/AddOrder',
        params: [['ordertype', 'limit'], ['pair', 'XBTUSD'], ['price', '37500'], ['type', 'buy'], ['volume', '1.25']],
      },
      credentials('public-key', 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg=='),
      '1616492376594',
    );
    expect(signed).toEqual({
      method: 'POST',
      url: `${BASE_URL}/0/private/AddOrder`,
      headers: {
        'API-Key': 'public-key',
        'API-Sign': '4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25',
    });
  });

  it('signs with the path, so the same body to another endpoint gets another signature', () => {
    const secret = Buffer.from('another secret of sixty-four bytes, more or less, for the HMAC key').toString('base64');
    const info = signKrakenRequest({ baseUrl: `${BASE_URL}/`, path: '/0/private/GetApiKeyInfo' }, credentials('k', secret), '1');
    const balance = signKrakenRequest({ baseUrl: BASE_URL, path: '/0/private/Balance' }, credentials('k', secret), '1');
    expect(info.url).toBe(`${BASE_URL}/0/private/GetApiKeyInfo`);
    expect(info.body).toBe('nonce=1');
    expect(info.headers['API-Sign']).not.toBe(balance.headers['API-Sign']);
  });
});

describe('signKrakenRequest agrees with ccxt', () => {
  it.each([
    { name: 'GetApiKeyInfo without parameters', path: 'GetApiKeyInfo', params: {} as Record<string, string> },
    { name: 'Balance with a parameter', path: 'BalanceEx', params: { asset: 'XBT' } as Record<string, string> },
  ])('for $name', ({ path, params }) => {
    const nonce = 1_700_000_000_000;
    const apiKey = 'Xq9wZ2hB4nT8kL1mR5vC7pD3fG6jH0sA2eY4uI8oP1aS3dF5gH7jK9lZ2xC4vB6n';
    const secret = Buffer.from('a sixty-four byte private key for the ccxt cross-check, padded!!').toString('base64');
    const exchange = new kraken({ apiKey, secret });
    exchange.nonce = () => nonce;
    const theirs = exchange.sign(path, 'private', 'POST', { ...params });

    const signed = signKrakenRequest({ baseUrl: BASE_URL, path: `/0/private/${path}`, params: Object.entries(params) }, credentials(apiKey, secret), String(nonce));

    expect(signed.headers['API-Sign']).toBe(theirs.headers['API-Sign']);
    expect(signed.headers['API-Key']).toBe(theirs.headers['API-Key']);
    expect(signed.body).toBe(theirs.body);
    expect(signed.url).toBe(theirs.url);
  });
});
