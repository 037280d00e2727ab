// Pins signBybitRequest to the regression vectors of docs/exchanges/bybit.md#test-vectors (the docs' own examples with secret "secret"; Bybit publishes
// no secret for its examples) and to ccxt, an independent signer.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bybit } from 'ccxt';
import { signBybitRequest, type BybitRequest } from './bybit-sign.ts';
import { redact } from '../../secrets/redacted.ts';
import type { Credentials } from '../exchange-adapter.ts';

const BASE_URL = 'https://api.bybit.com';
const credentials = (apiKey: string, secret: string): Credentials => ({ apiKey, secret: redact(secret) });

describe(signBybitRequest.name, () => {
  it('reproduces the GET regression vector', () => {
    const signed = signBybitRequest(
      { baseUrl: BASE_URL, method: 'GET', path: '/v5/order/realtime', query: [['category', 'option'], ['symbol', 'BTC-29JUL22-25000-C']] },
      credentials('XXXXXXXXXX', 'secret'),
      1658384314791,
    );
    expect(signed).toEqual({
      method: 'GET',
      url: `${BASE_URL}/v5/order/realtime?category=option&symbol=BTC-29JUL22-25000-C`,
      headers: {
        'X-BAPI-API-KEY': 'XXXXXXXXXX',
        'X-BAPI-TIMESTAMP': '1658384314791',
        'X-BAPI-RECV-WINDOW': '5000',
        'X-BAPI-SIGN': '02e9182e346177050f199ce1e0703d738589e3763805ed71590ced65539a73a7',
      },
    });
  });

  it('reproduces the POST regression vector, signing the body bytes as given', () => {
    const signed = signBybitRequest(
      { baseUrl: BASE_URL, method: 'POST', path: '/v5/order/create', body: '{"category": "option"}' },
      credentials('XXXXXXXXXX', 'secret'),
      1658385579423,
    );
    expect(signed.headers['X-BAPI-SIGN']).toBe('70b71239a836609988272df61d14ad05594dc2f475787edd2af7726a416933c5');
    expect(signed.headers['Content-Type']).toBe('application/json');
    expect(signed.body).toBe('{"category": "option"}');
    expect(signed.url).toBe(`${BASE_URL}/v5/order/create`);
  });

  it('signs a GET without parameters over an empty query and sends no "?" and no body', () => {
    const signed = signBybitRequest({ baseUrl: `${BASE_URL}/`, method: 'GET', path: '/v5/user/query-api' }, credentials('k3y', 's3cret'), 1_700_000_000_000);
    expect(signed.url).toBe(`${BASE_URL}/v5/user/query-api`);
    expect(signed).not.toHaveProperty('body');
    expect(signed.headers['X-BAPI-SIGN']).toBe(createHmac('sha256', 's3cret').update('1700000000000k3y5000').digest('hex'));
  });

  it('sends the recvWindow it signs', () => {
    const signed = signBybitRequest({ baseUrl: BASE_URL, method: 'GET', path: '/v5/user/query-api' }, credentials('k3y', 's3cret'), 1_700_000_000_000, 20_000);
    expect(signed.headers['X-BAPI-RECV-WINDOW']).toBe('20000');
    expect(signed.headers['X-BAPI-SIGN']).toBe(createHmac('sha256', 's3cret').update('1700000000000k3y20000').digest('hex'));
  });

  it('encodes a cursor that already contains "%" once more, and signs exactly the query it sends', () => {
    const signed = signBybitRequest(
      { baseUrl: BASE_URL, method: 'GET', path: '/v5/user/sub-apikeys', query: [['subMemberId', '100400345'], ['cursor', '20%3A0%2C20%3A0'], ['note', 'grid bot+2']] },
      credentials('k3y', 's3cret'),
      1_700_000_000_000,
    );
    const sentQuery = 'subMemberId=100400345&cursor=20%253A0%252C20%253A0&note=grid%20bot%2B2';
    expect(signed.url).toBe(`${BASE_URL}/v5/user/sub-apikeys?${sentQuery}`);
    expect(signed.headers['X-BAPI-SIGN']).toBe(createHmac('sha256', 's3cret').update(`1700000000000k3y5000${sentQuery}`).digest('hex'));
  });
});

describe('signBybitRequest agrees with ccxt 4.5.84', () => {
  // ccxt puts raw values in its query; these need no encoding, so the bytes must match exactly.
  type Case = { name: string; ccxt: { path: string; method: 'GET' | 'POST'; params: Record<string, unknown> }; ours: BybitRequest };
  const cases: Case[] = [
    { name: 'GET query-api', ccxt: { path: 'v5/user/query-api', method: 'GET', params: {} }, ours: { baseUrl: BASE_URL, method: 'GET', path: '/v5/user/query-api' } },
    {
      name: 'GET sub-apikeys with a query',
      ccxt: { path: 'v5/user/sub-apikeys', method: 'GET', params: { subMemberId: '100400345', limit: '20' } },
      ours: { baseUrl: BASE_URL, method: 'GET', path: '/v5/user/sub-apikeys', query: [['subMemberId', '100400345'], ['limit', '20']] },
    },
    {
      name: 'GET submembers with a cursor',
      ccxt: { path: 'v5/user/submembers', method: 'GET', params: { pageSize: '100', nextCursor: '106279879' } },
      ours: { baseUrl: BASE_URL, method: 'GET', path: '/v5/user/submembers', query: [['pageSize', '100'], ['nextCursor', '106279879']] },
    },
    {
      name: 'POST delete-sub-api with a JSON body',
      ccxt: { path: 'v5/user/delete-sub-api', method: 'POST', params: { apikey: 'XbQ3kPz9fLkM2nR7sT' } },
      ours: { baseUrl: BASE_URL, method: 'POST', path: '/v5/user/delete-sub-api', body: JSON.stringify({ apikey: 'XbQ3kPz9fLkM2nR7sT' }) },
    },
    {
      name: 'POST delete-api with an empty JSON body',
      ccxt: { path: 'v5/user/delete-api', method: 'POST', params: {} },
      ours: { baseUrl: BASE_URL, method: 'POST', path: '/v5/user/delete-api', body: '{}' },
    },
    {
      name: 'POST update-sub-api with ips, readOnly and permissions',
      ccxt: { path: 'v5/user/update-sub-api', method: 'POST', params: { apikey: 'XbQ3kPz9fLkM2nR7sT', readOnly: 0, ips: '198.51.100.4,198.51.100.5', permissions: { Spot: ['SpotTrade'], ContractTrade: [] } } },
      ours: {
        baseUrl: BASE_URL,
        method: 'POST',
        path: '/v5/user/update-sub-api',
        body: JSON.stringify({ apikey: 'XbQ3kPz9fLkM2nR7sT', readOnly: 0, ips: '198.51.100.4,198.51.100.5', permissions: { Spot: ['SpotTrade'], ContractTrade: [] } }),
      },
    },
  ];

  it.each(cases)('for $name', ({ ccxt, ours }) => {
    const timestampMs = 1_700_000_000_000;
    const apiKey = 'Hx2bN8qLz4Tk0WcR5e';
    const secret = 'Vq7LmN2pXs9TcK4hZw6Jd1RfYb3GaUe8Qo5I';
    const exchange = new bybit({ apiKey, secret });
    exchange.nonce = () => timestampMs;
    const theirs = exchange.sign(ccxt.path, 'private', ccxt.method, { ...ccxt.params });

    const signed = signBybitRequest(ours, credentials(apiKey, secret), timestampMs);

    for (const header of ['X-BAPI-SIGN', 'X-BAPI-TIMESTAMP', 'X-BAPI-RECV-WINDOW', 'X-BAPI-API-KEY']) {
      expect(signed.headers[header], header).toBe(theirs.headers[header]);
    }
    expect(signed.body).toBe(theirs.body);
    // ccxt leaves a bare "?" on a GET without parameters.
    expect(signed.url).toBe(String(theirs.url).replace(/\?$/, ''));
  });
});
