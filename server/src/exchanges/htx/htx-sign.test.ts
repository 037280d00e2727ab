// Pins signHtxRequest to the official SDKs' signer vector (docs/exchanges/htx.md#test-vectors) and to ccxt, an independent signer.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { htx } from 'ccxt';
import { formatHtxTimestamp, signHtxPrehash, signHtxRequest } from './htx-sign.ts';
import { redact } from '../../secrets/redacted.ts';
import type { Credentials } from '../exchange-adapter.ts';

const BASE_URL = 'https://api.huobi.pro';
const credentials = (apiKey: string, secret: string): Credentials => ({ apiKey, secret: redact(secret) });
const signatureOf = (url: string) => decodeURIComponent(new URL(url).searchParams.get('Signature') ?? '');

describe(signHtxRequest.name, () => {
  it("reproduces the official SDKs' signer vector", () => {
    // huobi_Golang signer_test.go and huobi_CSharp SignerTest.cs: Sign("GET", "api.huobi.pro", "/v1/account/history", "account-id=1&currency=btcusdt") with "secret".
    expect(signHtxPrehash(redact('secret'), 'GET', 'api.huobi.pro', '/v1/account/history', 'account-id=1&currency=btcusdt')).toBe('HUP3n78npIuTzVKyjEOrPictRKEUTRoYs7Ld5y38hmA=');
  });

  it('sorts and encodes the auth parameters and the query into the prehash it signs', () => {
    const signed = signHtxRequest({ baseUrl: BASE_URL, method: 'GET', path: '/v1/account/history', query: [['currency', 'btcusdt'], ['account-id', '1']] }, credentials('AK', 'secret'), Date.UTC(2017, 4, 11, 15, 19, 30));
    const query = 'AccessKeyId=AK&SignatureMethod=HmacSHA256&SignatureVersion=2&Timestamp=2017-05-11T15%3A19%3A30&account-id=1&currency=btcusdt';
    expect(signed.url).toBe(`${BASE_URL}/v1/account/history?${query}&Signature=${encodeURIComponent(signatureOf(signed.url))}`);
    expect(signatureOf(signed.url)).toBe(createHmac('sha256', 'secret').update(`GET\napi.huobi.pro\n/v1/account/history\n${query}`).digest('base64'));
  });

  it('formats the timestamp as UTC seconds without a zone', () => {
    expect(formatHtxTimestamp(Date.UTC(2026, 11, 5, 1, 2, 3, 999))).toBe('2026-12-05T01:02:03');
  });

  it('signs the host with its port, and the path under a base URL prefix', () => {
    const signed = signHtxRequest({ baseUrl: 'http://127.0.0.1:4567/htx', method: 'GET', path: '/v2/user/uid' }, credentials('AK', 's'), 0);
    const query = 'AccessKeyId=AK&SignatureMethod=HmacSHA256&SignatureVersion=2&Timestamp=1970-01-01T00%3A00%3A00';
    expect(signatureOf(signed.url)).toBe(createHmac('sha256', 's').update(`GET\n127.0.0.1:4567\n/htx/v2/user/uid\n${query}`).digest('base64'));
  });
});

describe('signHtxRequest agrees with ccxt', () => {
  it.each([
    { name: 'GET api-key with a query', method: 'GET' as const, path: 'user/api-key', params: { uid: '63628520', accessKey: 'b0a1-c2d3' } },
    { name: 'GET uid', method: 'GET' as const, path: 'user/uid', params: {} as Record<string, string> },
    { name: 'POST api-key-deletion', method: 'POST' as const, path: 'sub-user/api-key-deletion', params: { subUid: '132208121', accessKey: 'b0a1-c2d3' } },
  ])('for $name', ({ method, path, params }) => {
    const timestampMs = Date.UTC(2026, 11, 5, 1, 2, 3);
    const apiKey = 'e2xxxxxx-99xxxxxx-84xxxxxx-7xxxx';
    const secret = 'b0xxxxxx-c6xxxxxx-94xxxxxx-dxxxx';
    const exchange = new htx({ apiKey, secret });
    exchange.nonce = () => timestampMs;
    const theirs = exchange.sign(path, 'v2Private', method, { ...params });

    const ours = method === 'GET'
      ? signHtxRequest({ baseUrl: BASE_URL, method, path: `/v2/${path}`, query: Object.entries(params) }, credentials(apiKey, secret), timestampMs)
      : signHtxRequest({ baseUrl: BASE_URL, method, path: `/v2/${path}`, body: JSON.stringify(params) }, credentials(apiKey, secret), timestampMs);

    expect(signatureOf(ours.url)).toBe(signatureOf(theirs.url));
    expect(new URL(ours.url).pathname).toBe(new URL(theirs.url).pathname);
    if (method === 'POST') expect(JSON.parse(ours.body!)).toEqual(JSON.parse(theirs.body));
  });
});
