// Pins signGateRequest to Gate's two official vectors (docs/exchanges/gate.md#test-vectors) and to ccxt, an independent signer.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gate } from 'ccxt';
import { signGateRequest, type GateRequest } from './gate-sign.ts';
import { redact } from '../../secrets/redacted.ts';
import type { Credentials } from '../exchange-adapter.ts';

const BASE_URL = 'https://api.gateio.ws';
/** "Suppose the key we used is `key`, while the secret is `secret`." */
const DOC_CREDENTIALS: Credentials = { apiKey: 'key', secret: redact('secret') };
const DOC_TIMESTAMP_MS = 1541993715_000;
const EMPTY_BODY_SHA512 =
  'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e';

describe(signGateRequest.name, () => {
  it('reproduces official vector 1: GET with a query', () => {
    const signed = signGateRequest(
      {
        baseUrl: BASE_URL,
        method: 'GET',
        path: '/api/v4/futures/orders',
        query: [['contract', 'BTC_USD'], ['status', 'finished'], ['limit', '50']],
      },
      DOC_CREDENTIALS,
      DOC_TIMESTAMP_MS,
    );
    expect(signed.headers.SIGN).toBe(
      '55f84ea195d6fe57ce62464daaa7c3c02fa9d1dde954e4c898289c9a2407a3d6fb3faf24deff16790d726b66ac9f74526668b13bd01029199cc4fcc522418b8a',
    );
    expect(signed.headers).toMatchObject({ KEY: 'key', Timestamp: '1541993715' });
    expect(signed.url).toBe(`${BASE_URL}/api/v4/futures/orders?contract=BTC_USD&status=finished&limit=50`);
    expect(signed).not.toHaveProperty('body');
    expect(signed.headers).not.toHaveProperty('Content-Type');
  });

  it('reproduces official vector 2: POST with a JSON body', () => {
    const body = '{"contract":"BTC_USD","type":"limit","size":100,"price":6800,"time_in_force":"gtc"}';
    expect(createHash('sha512').update(body).digest('hex')).toBe(
      'ad3c169203dc3026558f01b4df307641fa1fa361f086b2306658886d5708767b1854797c68d9e62fef2f991645aa82673622ebf417e091d0bd22bafe5d956cca',
    );
    const signed = signGateRequest({ baseUrl: BASE_URL, method: 'POST', path: '/api/v4/futures/orders', body }, DOC_CREDENTIALS, DOC_TIMESTAMP_MS);
    expect(signed.headers.SIGN).toBe(
      'eae42da914a590ddf727473aff25fc87d50b64783941061f47a3fdb92742541fc4c2c14017581b4199a1418d54471c269c03a38d788d802e2c306c37636389f0',
    );
    expect(signed.body).toBe(body);
    expect(signed.headers['Content-Type']).toBe('application/json');
  });

  it('hashes an empty body to the documented SHA-512 of ""', () => {
    expect(createHash('sha512').update('').digest('hex')).toBe(EMPTY_BODY_SHA512);
  });

  it('sends whole seconds: the milliseconds are dropped, never rounded up', () => {
    const signed = signGateRequest({ baseUrl: BASE_URL, method: 'GET', path: '/api/v4/account/detail' }, DOC_CREDENTIALS, 1541993715_999);
    expect(signed.headers.Timestamp).toBe('1541993715');
  });

  it('signs the raw query but sends it encoded (commas)', () => {
    const request: GateRequest = { baseUrl: `${BASE_URL}/`, method: 'GET', path: '/api/v4/spot/orders', query: [['text', 'a,b c']] };
    const signed = signGateRequest(request, DOC_CREDENTIALS, DOC_TIMESTAMP_MS);
    expect(signed.url).toBe(`${BASE_URL}/api/v4/spot/orders?text=a%2Cb%20c`);
    const encodedSigned = signGateRequest({ ...request, query: [['text', 'a%2Cb%20c']] }, DOC_CREDENTIALS, DOC_TIMESTAMP_MS);
    expect(signed.headers.SIGN).not.toBe(encodedSigned.headers.SIGN);
  });

  it('never puts the secret into the request', () => {
    const signed = signGateRequest(
      { baseUrl: BASE_URL, method: 'GET', path: '/api/v4/account/detail' },
      { apiKey: 'k', secret: redact('KA_CANARY_SECRET') },
      DOC_TIMESTAMP_MS,
    );
    expect(JSON.stringify(signed)).not.toContain('KA_CANARY');
  });
});

describe('signGateRequest agrees with ccxt 4.5.84', () => {
  type Case = {
    name: string;
    ccxt: { path: string; api: [string, string]; method: 'GET' | 'POST' | 'PUT' | 'DELETE'; params: Record<string, unknown> };
    ours: Omit<GateRequest, 'baseUrl'>;
    expectedUrl: string;
  };
  const cases: Case[] = [
    {
      name: 'GET /account/detail',
      ccxt: { path: 'detail', api: ['private', 'account'], method: 'GET', params: {} },
      ours: { method: 'GET', path: '/api/v4/account/detail' },
      expectedUrl: `${BASE_URL}/api/v4/account/detail`,
    },
    {
      name: 'GET /account/main_keys',
      ccxt: { path: 'main_keys', api: ['private', 'account'], method: 'GET', params: {} },
      ours: { method: 'GET', path: '/api/v4/account/main_keys' },
      expectedUrl: `${BASE_URL}/api/v4/account/main_keys`,
    },
    {
      name: 'GET /sub_accounts with a query',
      ccxt: { path: 'sub_accounts', api: ['private', 'subAccounts'], method: 'GET', params: { type: '0' } },
      ours: { method: 'GET', path: '/api/v4/sub_accounts', query: [['type', '0']] },
      expectedUrl: `${BASE_URL}/api/v4/sub_accounts?type=0`,
    },
    {
      name: 'DELETE /sub_accounts/{user_id}/keys/{key}',
      ccxt: {
        path: 'sub_accounts/{user_id}/keys/{key}',
        api: ['private', 'subAccounts'],
        method: 'DELETE',
        params: { user_id: 10001, key: '75c3264105b74693d8cb5c7f1a8e2420' },
      },
      ours: { method: 'DELETE', path: '/api/v4/sub_accounts/10001/keys/75c3264105b74693d8cb5c7f1a8e2420' },
      expectedUrl: `${BASE_URL}/api/v4/sub_accounts/10001/keys/75c3264105b74693d8cb5c7f1a8e2420`,
    },
    {
      name: 'POST with a JSON body',
      ccxt: {
        path: 'sub_accounts/{user_id}/keys',
        api: ['private', 'subAccounts'],
        method: 'POST',
        params: { user_id: 10001, name: 'koinly', perms: [{ name: 'wallet', read_only: true }], ip_whitelist: ['35.187.23.14'] },
      },
      ours: {
        method: 'POST',
        path: '/api/v4/sub_accounts/10001/keys',
        body: JSON.stringify({ name: 'koinly', perms: [{ name: 'wallet', read_only: true }], ip_whitelist: ['35.187.23.14'] }),
      },
      expectedUrl: `${BASE_URL}/api/v4/sub_accounts/10001/keys`,
    },
    {
      name: 'PUT /sub_accounts/{user_id}/keys/{key}, the whole key as JSON',
      ccxt: {
        path: 'sub_accounts/{user_id}/keys/{key}',
        api: ['private', 'subAccounts'],
        method: 'PUT',
        params: { user_id: 10001, key: '75c3264105b74693d8cb5c7f1a8e2420', name: 'koinly', mode: 1, perms: [{ name: 'wallet', read_only: true }], ip_whitelist: ['35.187.23.14'] },
      },
      ours: {
        method: 'PUT',
        path: '/api/v4/sub_accounts/10001/keys/75c3264105b74693d8cb5c7f1a8e2420',
        body: JSON.stringify({ name: 'koinly', mode: 1, perms: [{ name: 'wallet', read_only: true }], ip_whitelist: ['35.187.23.14'] }),
      },
      expectedUrl: `${BASE_URL}/api/v4/sub_accounts/10001/keys/75c3264105b74693d8cb5c7f1a8e2420`,
    },
    {
      name: 'GET whose query has a comma and a space',
      ccxt: { path: 'orders', api: ['private', 'spot'], method: 'GET', params: { status: 'open', currency_pair: 'BTC_USDT', text: 't-a,b c' } },
      ours: { method: 'GET', path: '/api/v4/spot/orders', query: [['status', 'open'], ['currency_pair', 'BTC_USDT'], ['text', 't-a,b c']] },
      expectedUrl: `${BASE_URL}/api/v4/spot/orders?status=open&currency_pair=BTC_USDT&text=t-a%2Cb%20c`,
    },
  ];

  it.each(cases)('for $name', ({ ccxt, ours, expectedUrl }) => {
    const timestampMs = 1_700_000_000_456;
    const apiKey = '75c3264105b74693d8cb5c7f1a8e2420';
    const secret = '9f2c41d7a85e36b0c4d1e2f3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7';
    const exchange = new gate({ apiKey, secret });
    exchange.nonce = () => timestampMs;
    const theirs = exchange.sign(ccxt.path, ccxt.api, ccxt.method, { ...ccxt.params });

    const signed = signGateRequest({ baseUrl: BASE_URL, ...ours }, { apiKey, secret: redact(secret) }, timestampMs);

    for (const header of ['KEY', 'Timestamp', 'SIGN']) expect(signed.headers[header], header).toBe(theirs.headers[header]);
    expect(signed.body).toBe(theirs.body);
    expect(signed.url).toBe(theirs.url);
    expect(signed.url).toBe(expectedUrl);
  });
});
