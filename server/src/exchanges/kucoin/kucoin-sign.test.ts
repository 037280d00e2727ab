// Pins signKucoinRequest to KuCoin's published vectors (docs/exchanges/kucoin.md#test-vectors) and to ccxt, an independent signer.
import { describe, expect, it } from 'vitest';
import { kucoin } from 'ccxt';
import { signKucoinRequest, type KucoinQuery, type KucoinRequest } from './kucoin-sign.ts';
import { hmac } from '../hmac.ts';
import { redact } from '../../secrets/redacted.ts';
import type { Credentials } from '../exchange-adapter.ts';

const DOC_SECRET = 'f03a5284-5c39-4aaa-9b20-dea10bdcf8e3';
const DOC_TIMESTAMP_MS = 1547015186532;
const BASE_URL = 'https://api.kucoin.com';

function credentials(secret: string, passphrase: string, apiKey = '5c2db93503aa674c74a31734'): Credentials {
  return { apiKey, secret: redact(secret), passphrase: redact(passphrase) };
}

describe(signKucoinRequest.name, () => {
  it('reproduces the official worked example of the retired docs (KC-API-SIGN only)', () => {
    const signed = signKucoinRequest(
      { baseUrl: 'http://api.kucoin.com', method: 'POST', path: '/api/v1/deposit-addresses', body: '{"currency":"BTC"}' },
      credentials(DOC_SECRET, 'Abc123456'),
      DOC_TIMESTAMP_MS,
      '2',
    );
    expect(signed.headers['KC-API-SIGN']).toBe('7QP/oM0ykidMdrfNEUmng8eZjg/ZvPafjIqmxiVfYu4=');
    expect(signed.headers['KC-API-TIMESTAMP']).toBe('1547015186532');
    expect(signed.headers['KC-API-KEY-VERSION']).toBe('2');
    expect(signed.body).toBe('{"currency":"BTC"}');
    expect(signed.url).toBe('http://api.kucoin.com/api/v1/deposit-addresses');
  });

  it('uses the HMAC primitive of the official SDK unit test', () => {
    expect(hmac('sha256', 'base64', 'test_api_secret', 'test_plain')).toBe('jie/gxS38wLFFaBwl/cAzFbAzlI8MIny96jSXrB+iP4=');
  });

  it('sends version 3, the millisecond timestamp and an HMAC passphrase by default', () => {
    const signed = signKucoinRequest(
      { baseUrl: BASE_URL, method: 'GET', path: '/api/v1/user/api-key' },
      credentials('test_api_secret', 'test_passphrase'),
      1234567890000,
    );
    expect(signed.headers).toMatchObject({
      'KC-API-KEY-VERSION': '3',
      'KC-API-TIMESTAMP': '1234567890000',
      'KC-API-PASSPHRASE': 'Ikr9KjwgA4urCb5Az1TNKgQELW10z84iOq+wsZsRRz0=',
    });
  });

  it('signs a GET without query as timestamp + GET + path and sends no body', () => {
    const signed = signKucoinRequest(
      { baseUrl: BASE_URL, method: 'GET', path: '/api/v1/user/api-key' },
      credentials(DOC_SECRET, 'Abc123456'),
      DOC_TIMESTAMP_MS,
    );
    expect(signed.headers['KC-API-SIGN']).toBe('pmU7prytKlTtZ5ufMjF8cnJrVBcrxBY2soFXmQbfIW4=');
    expect(signed.headers['KC-API-PASSPHRASE']).toBe('BKrtDi9RgDYbLigltBjNLvwvVf6/iCxWK6slmjr8DF8=');
    expect(signed).not.toHaveProperty('body');
  });

  describe('the DELETE example of the docs, whose passphrase needs encoding', () => {
    const request: KucoinRequest = {
      baseUrl: BASE_URL,
      method: 'DELETE',
      path: '/api/v1/sub/api-key',
      query: [['apiKey', '67b3'], ['subName', 'test'], ['passphrase', 'abc!@#11']],
    };
    const signed = signKucoinRequest(request, credentials(DOC_SECRET, 'Abc123456'), DOC_TIMESTAMP_MS);

    it('signs the raw query, not the encoded one', () => {
      expect(signed.headers['KC-API-SIGN']).toBe('q23c/i2gyJTvxfMqyggt50eJ/WqglLvTjqA4/ZuanN8=');
      expect(signed.headers['KC-API-SIGN']).not.toBe('IpI4Rap5x1RzXteIRsFVL7WpdJ4oXoWe4bs3HVL70kY=');
    });

    it('sends the encoded query in the URL, in the given order, with an empty body', () => {
      expect(signed.url).toBe(`${BASE_URL}/api/v1/sub/api-key?apiKey=67b3&subName=test&passphrase=abc%21%40%2311`);
      expect(signed).not.toHaveProperty('body');
    });

    it('signs the same bytes when the passphrase value is still Redacted', () => {
      const query: KucoinQuery = [['apiKey', '67b3'], ['subName', 'test'], ['passphrase', redact('abc!@#11')]];
      const fromRedacted = signKucoinRequest({ ...request, query }, credentials(DOC_SECRET, 'Abc123456'), DOC_TIMESTAMP_MS);
      expect(fromRedacted).toEqual(signed);
    });
  });

  it('encodes a space as %20, never "+"', () => {
    const signed = signKucoinRequest(
      { baseUrl: `${BASE_URL}/`, method: 'GET', path: '/api/v1/sub/api-key', query: [['subName', 'grid bot+2']] },
      credentials(DOC_SECRET, 'Abc123456'),
      DOC_TIMESTAMP_MS,
    );
    expect(signed.url).toBe(`${BASE_URL}/api/v1/sub/api-key?subName=grid%20bot%2B2`);
  });

  it('refuses to sign without a passphrase, without revealing the secret', () => {
    const noPassphrase = { apiKey: 'k', secret: redact('KA_CANARY_SECRET') };
    expect(() => signKucoinRequest({ baseUrl: BASE_URL, method: 'GET', path: '/api/v1/user/api-key' }, noPassphrase, 1))
      .toThrow(expect.objectContaining({ kind: 'invalid-request', message: expect.not.stringContaining('KA_CANARY') }));
  });
});

describe('signKucoinRequest agrees with ccxt 4.5.84', () => {
  // ccxt sends (and signs) the raw query in its URL; we send it encoded. The signatures must match anyway.
  type Case = {
    name: string;
    passphrase: string;
    ccxt: { path: string; method: 'GET' | 'POST' | 'DELETE'; params: Record<string, string> };
    ours: KucoinRequest;
    expectedUrl: string;
  };
  const cases: Case[] = [
    {
      name: 'a GET with a query',
      passphrase: 'test-pass',
      ccxt: { path: 'accounts', method: 'GET', params: { currency: 'USDT', type: 'trade' } },
      ours: { baseUrl: BASE_URL, method: 'GET', path: '/api/v1/accounts', query: [['currency', 'USDT'], ['type', 'trade']] },
      expectedUrl: `${BASE_URL}/api/v1/accounts?currency=USDT&type=trade`,
    },
    {
      name: 'a POST with a JSON body',
      passphrase: 'test-pass',
      ccxt: { path: 'sub/api-key', method: 'POST', params: { subName: 'tax-export', passphrase: 'k3yPass!', remark: 'koinly', permission: 'General' } },
      ours: {
        baseUrl: BASE_URL,
        method: 'POST',
        path: '/api/v1/sub/api-key',
        body: JSON.stringify({ subName: 'tax-export', passphrase: 'k3yPass!', remark: 'koinly', permission: 'General' }),
      },
      expectedUrl: `${BASE_URL}/api/v1/sub/api-key`,
    },
    {
      name: 'a DELETE whose passphrase contains !@#',
      passphrase: 'conn!@#pass',
      ccxt: { path: 'sub/api-key', method: 'DELETE', params: { apiKey: '670621e3a25958000159c82f', subName: 'market-maker', passphrase: 'abc!@#11' } },
      ours: {
        baseUrl: BASE_URL,
        method: 'DELETE',
        path: '/api/v1/sub/api-key',
        query: [['apiKey', '670621e3a25958000159c82f'], ['subName', 'market-maker'], ['passphrase', 'abc!@#11']],
      },
      expectedUrl: `${BASE_URL}/api/v1/sub/api-key?apiKey=670621e3a25958000159c82f&subName=market-maker&passphrase=abc%21%40%2311`,
    },
    {
      name: 'a GET for a sub-account whose name has a space',
      passphrase: 'test-pass',
      ccxt: { path: 'sub/api-key', method: 'GET', params: { subName: 'grid bot 2' } },
      ours: { baseUrl: BASE_URL, method: 'GET', path: '/api/v1/sub/api-key', query: [['subName', 'grid bot 2']] },
      expectedUrl: `${BASE_URL}/api/v1/sub/api-key?subName=grid%20bot%202`,
    },
    {
      name: 'the key update, its body an object whose key passphrase stays Redacted until signing',
      passphrase: 'test-pass',
      ccxt: {
        path: 'sub/api-key/update',
        method: 'POST',
        params: { subName: 'grid bot 2', apiKey: '670621e3a25958000159c82f', passphrase: 'abc!@#11', permission: 'General,Spot', ipWhitelist: '198.51.100.4,198.51.100.5' },
      },
      ours: {
        baseUrl: BASE_URL,
        method: 'POST',
        path: '/api/v1/sub/api-key/update',
        body: { subName: 'grid bot 2', apiKey: '670621e3a25958000159c82f', passphrase: redact('abc!@#11'), permission: 'General,Spot', ipWhitelist: '198.51.100.4,198.51.100.5' },
      },
      expectedUrl: `${BASE_URL}/api/v1/sub/api-key/update`,
    },
  ];

  it.each(cases)('for $name', ({ passphrase, ccxt, ours, expectedUrl }) => {
    const timestampMs = 1_700_000_000_000;
    const apiKey = '6705f5c311545b000157d3eb';
    const secret = '46fd8974-1b2c-4d5e-8f90-896f005b2340';
    const exchange = new kucoin({ apiKey, secret, password: passphrase });
    exchange.options.partner = {};
    exchange.nonce = () => timestampMs;
    const theirs = exchange.sign(ccxt.path, 'private', ccxt.method, { ...ccxt.params });

    const signed = signKucoinRequest(ours, credentials(secret, passphrase, apiKey), timestampMs, '2');

    for (const header of ['KC-API-SIGN', 'KC-API-PASSPHRASE', 'KC-API-TIMESTAMP', 'KC-API-KEY']) {
      expect(signed.headers[header], header).toBe(theirs.headers[header]);
    }
    expect(signed.body).toBe(theirs.body);
    expect(signed.url).toBe(expectedUrl);
  });
});
