// Pins signDeribitRequest to Deribit's documented recipe (docs/exchanges/deribit.md#test-vectors: Deribit publishes no
// vector with a known secret, so the expected signatures are computed here from the recipe's own words) and to ccxt,
// an independent signer.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deribit } from 'ccxt';
import { signDeribitRequest, type DeribitRequest } from './deribit-sign.ts';
import { redact } from '../../secrets/redacted.ts';
import type { Credentials } from '../exchange-adapter.ts';

const BASE_URL = 'https://www.deribit.com';
const credentials = (apiKey: string, secret: string): Credentials => ({ apiKey, secret: redact(secret) });
const recipe = (secret: string, stringToSign: string) => createHmac('sha256', secret).update(stringToSign).digest('hex');

describe(signDeribitRequest.name, () => {
  it('signs timestamp, nonce, method, URI and the empty body, one per line, and sends them in the Authorization header', () => {
    const signed = signDeribitRequest({ baseUrl: BASE_URL, path: '/api/v2/private/list_api_keys' }, credentials('AMANDA', 's3cret'), 1_576_074_319_000, '1iqt2wls');
    const sig = recipe('s3cret', '1576074319000\n1iqt2wls\nGET\n/api/v2/private/list_api_keys\n\n');
    expect(signed).toEqual({
      method: 'GET',
      url: `${BASE_URL}/api/v2/private/list_api_keys`,
      headers: { Accept: 'application/json', Authorization: `deri-hmac-sha256 id=AMANDA,ts=1576074319000,sig=${sig},nonce=1iqt2wls` },
    });
    expect(signed).not.toHaveProperty('body');
  });

  it('signs the query exactly as it sends it, in the given order', () => {
    const signed = signDeribitRequest(
      { baseUrl: `${BASE_URL}/`, path: '/api/v2/private/remove_api_key', query: [['id', '7'], ['note', 'a b+c']] },
      credentials('AMANDA', 's3cret'),
      1_700_000_000_123.9,
      'n0nce',
    );
    const uri = '/api/v2/private/remove_api_key?id=7&note=a%20b%2Bc';
    expect(signed.url).toBe(`${BASE_URL}${uri}`);
    expect(signed.headers.Authorization).toBe(`deri-hmac-sha256 id=AMANDA,ts=1700000000123,sig=${recipe('s3cret', `1700000000123\nn0nce\nGET\n${uri}\n\n`)},nonce=n0nce`);
  });

  it('signs the URI without the base URL\'s own path, which a simulator mount adds', () => {
    const signed = signDeribitRequest({ baseUrl: 'http://127.0.0.1:9/deribit', path: '/api/v2/private/get_subaccounts' }, credentials('k', 's'), 1, 'x');
    expect(signed.url).toBe('http://127.0.0.1:9/deribit/api/v2/private/get_subaccounts');
    expect(signed.headers.Authorization).toContain(`sig=${recipe('s', '1\nx\nGET\n/api/v2/private/get_subaccounts\n\n')}`);
  });
});

describe('signDeribitRequest agrees with ccxt', () => {
  type Case = { name: string; ccxt: { path: string; params: Record<string, string> }; ours: Omit<DeribitRequest, 'baseUrl'> };
  const cases: Case[] = [
    { name: 'list_api_keys', ccxt: { path: 'list_api_keys', params: {} }, ours: { path: '/api/v2/private/list_api_keys' } },
    { name: 'get_subaccounts with a query', ccxt: { path: 'get_subaccounts', params: { with_portfolio: 'false' } }, ours: { path: '/api/v2/private/get_subaccounts', query: [['with_portfolio', 'false']] } },
    { name: 'remove_api_key by id', ccxt: { path: 'remove_api_key', params: { id: '42' } }, ours: { path: '/api/v2/private/remove_api_key', query: [['id', '42']] } },
  ];

  it.each(cases)('for $name', ({ ccxt, ours }) => {
    const timestampMs = 1_700_000_000_000;
    const apiKey = 'TiA4AyLPq3';
    const secret = 'SjM57m1T2CfXZ4vZ76X1APjqRlJdtzHI8IwVXoQnfoM';
    const exchange = new deribit({ apiKey, secret });
    // ccxt uses the time in milliseconds as both timestamp and nonce.
    exchange.milliseconds = () => timestampMs;
    const theirs = exchange.sign(ccxt.path, 'private', 'GET', { ...ccxt.params });
    const signed = signDeribitRequest({ baseUrl: BASE_URL, ...ours }, credentials(apiKey, secret), timestampMs, String(timestampMs));
    expect(signed.url).toBe(theirs.url);
    expect(signed.headers.Authorization).toBe(theirs.headers.Authorization);
  });
});
