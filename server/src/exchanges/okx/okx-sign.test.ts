// Pins signOkxRequest to the regression vectors of docs/exchanges/okx.md#test-vectors (OKX publishes no vector with an
// expected output) and to ccxt, an independent signer.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { okx } from 'ccxt';
import { signOkxRequest, type OkxRequest } from './okx-sign.ts';
import { redact } from '../../secrets/redacted.ts';
import type { Credentials } from '../exchange-adapter.ts';

/** The docs' example SecretKey (docs/exchanges/okx.md#test-vectors). */
const DOC_SECRET = '22582BD0CFF14C41EDBF1AB98506286D';
/** 2020-12-08T09:08:57.715Z, the docs' example timestamp. */
const DOC_TIMESTAMP_MS = Date.UTC(2020, 11, 8, 9, 8, 57, 715);
const BASE_URL = 'https://www.okx.com';

function credentials(secret: string, passphrase = 'Passphrase1!', apiKey = '37c541a1-3b8e-4c2a-a6d1-6b7f0e4c8d21'): Credentials {
  return { apiKey, secret: redact(secret), passphrase: redact(passphrase) };
}

describe(signOkxRequest.name, () => {
  it.each<[string, OkxRequest, string]>([
    [
      'a GET with a query (vector 1)',
      { baseUrl: BASE_URL, method: 'GET', path: '/api/v5/account/balance', query: [['ccy', 'BTC']] },
      'HiZhvSfMtWJA3uUIVXV3a/bSXNPCWvYFXoGCVS8V4zY=',
    ],
    [
      'a POST with a JSON body (vector 2)',
      { baseUrl: BASE_URL, method: 'POST', path: '/api/v5/account/set-leverage', body: '{"instId":"BTC-USDT","lever":"5","mgnMode":"isolated"}' },
      'eCnnCgWLjlQ9XnpUkrcny3qNq3WW/81KNrDr/XR6Xv8=',
    ],
    [
      'the sub-account key listing keyaudit sends (vector 3)',
      { baseUrl: BASE_URL, method: 'GET', path: '/api/v5/users/subaccount/apikey', query: [['subAcct', 'panpanBroker2']] },
      'FC+r+zA+t4Gw5vP8KyX9WdCVTPPPVkJX3uXbtLzvmlU=',
    ],
  ])('reproduces %s', (_name, request, expectedSign) => {
    const signed = signOkxRequest(request, credentials(DOC_SECRET), DOC_TIMESTAMP_MS);
    expect(signed.headers['OK-ACCESS-SIGN']).toBe(expectedSign);
    expect(signed.headers['OK-ACCESS-TIMESTAMP']).toBe('2020-12-08T09:08:57.715Z');
  });

  it('sends the key and the passphrase as typed, and the URL it signed', () => {
    const signed = signOkxRequest(
      { baseUrl: `${BASE_URL}/`, method: 'GET', path: '/api/v5/users/subaccount/apikey', query: [['subAcct', 'panpanBroker2']] },
      credentials(DOC_SECRET, 'My passphrase!'),
      DOC_TIMESTAMP_MS,
    );
    expect(signed).toEqual({
      method: 'GET',
      url: `${BASE_URL}/api/v5/users/subaccount/apikey?subAcct=panpanBroker2`,
      headers: {
        'OK-ACCESS-KEY': '37c541a1-3b8e-4c2a-a6d1-6b7f0e4c8d21',
        'OK-ACCESS-SIGN': 'FC+r+zA+t4Gw5vP8KyX9WdCVTPPPVkJX3uXbtLzvmlU=',
        'OK-ACCESS-TIMESTAMP': '2020-12-08T09:08:57.715Z',
        'OK-ACCESS-PASSPHRASE': 'My passphrase!',
      },
    });
  });

  it('writes the timestamp in UTC with milliseconds, even on a whole second', () => {
    const signed = signOkxRequest({ baseUrl: BASE_URL, method: 'GET', path: '/api/v5/account/config' }, credentials(DOC_SECRET), Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(signed.headers['OK-ACCESS-TIMESTAMP']).toBe('2026-01-02T03:04:05.000Z');
  });

  it('sends a POST body byte for byte, as JSON', () => {
    const body = '{"subAcct":"test00001","apiKey":"abc"}';
    const signed = signOkxRequest({ baseUrl: BASE_URL, method: 'POST', path: '/api/v5/users/subaccount/delete-apikey', body }, credentials(DOC_SECRET), DOC_TIMESTAMP_MS);
    expect(signed.body).toBe(body);
    expect(signed.headers['Content-Type']).toBe('application/json');
  });

  it('signs the query as it is sent, percent-encoded', () => {
    const signed = signOkxRequest({ baseUrl: BASE_URL, method: 'GET', path: '/x', query: [['a', 'b c&d']] }, credentials('s'), DOC_TIMESTAMP_MS);
    expect(signed.url).toBe(`${BASE_URL}/x?a=b%20c%26d`);
    const b64 = (message: string) => createHmac('sha256', 's').update(message).digest('base64');
    expect(signed.headers['OK-ACCESS-SIGN']).toBe(b64('2020-12-08T09:08:57.715ZGET/x?a=b%20c%26d'));
    expect(signed.headers['OK-ACCESS-SIGN']).not.toBe(b64('2020-12-08T09:08:57.715ZGET/x?a=b c&d'));
  });

  it('refuses to sign without a passphrase, without revealing the secret', () => {
    const noPassphrase = { apiKey: 'k', secret: redact('KA_CANARY_SECRET') };
    expect(() => signOkxRequest({ baseUrl: BASE_URL, method: 'GET', path: '/api/v5/account/config' }, noPassphrase, 1))
      .toThrow(expect.objectContaining({ kind: 'invalid-request', message: expect.not.stringContaining('KA_CANARY') }));
  });
});

describe('signOkxRequest agrees with ccxt 4.5.84', () => {
  type Case = {
    name: string;
    ccxt: { path: string; method: 'GET' | 'POST'; params: Record<string, string> };
    ours: OkxRequest;
  };
  const cases: Case[] = [
    {
      name: 'the calling key read (GET, no query)',
      ccxt: { path: 'account/config', method: 'GET', params: {} },
      ours: { baseUrl: BASE_URL, method: 'GET', path: '/api/v5/account/config' },
    },
    {
      name: 'a sub-account page (GET with two parameters)',
      ccxt: { path: 'users/subaccount/list', method: 'GET', params: { after: '1659334756000', limit: '100' } },
      ours: { baseUrl: BASE_URL, method: 'GET', path: '/api/v5/users/subaccount/list', query: [['after', '1659334756000'], ['limit', '100']] },
    },
    {
      name: "a sub-account's keys (GET)",
      ccxt: { path: 'users/subaccount/apikey', method: 'GET', params: { subAcct: 'gridbot02' } },
      ours: { baseUrl: BASE_URL, method: 'GET', path: '/api/v5/users/subaccount/apikey', query: [['subAcct', 'gridbot02']] },
    },
    {
      name: 'a key deletion (POST with a JSON body)',
      ccxt: { path: 'users/subaccount/delete-apikey', method: 'POST', params: { subAcct: 'gridbot02', apiKey: '0d1f3c2e-9a4b-4c3d-8e7f-6a5b4c3d2e1f' } },
      ours: {
        baseUrl: BASE_URL,
        method: 'POST',
        path: '/api/v5/users/subaccount/delete-apikey',
        body: JSON.stringify({ subAcct: 'gridbot02', apiKey: '0d1f3c2e-9a4b-4c3d-8e7f-6a5b4c3d2e1f' }),
      },
    },
    {
      name: 'a key update (modify-apikey, POST with a JSON body)',
      ccxt: { path: 'users/subaccount/modify-apikey', method: 'POST', params: { subAcct: 'gridbot02', apiKey: '0d1f3c2e-9a4b-4c3d-8e7f-6a5b4c3d2e1f', ip: '203.0.113.7,2001:db8::/48' } },
      ours: {
        baseUrl: BASE_URL,
        method: 'POST',
        path: '/api/v5/users/subaccount/modify-apikey',
        body: JSON.stringify({ subAcct: 'gridbot02', apiKey: '0d1f3c2e-9a4b-4c3d-8e7f-6a5b4c3d2e1f', ip: '203.0.113.7,2001:db8::/48' }),
      },
    },
  ];

  it.each(cases)('for $name', ({ ccxt, ours }) => {
    const timestampMs = 1_700_000_000_123;
    const apiKey = '37c541a1-3b8e-4c2a-a6d1-6b7f0e4c8d21';
    const secret = 'F1E2D3C4B5A6978812345678ABCDEF01';
    const passphrase = 'conn!@#Pass1';
    const exchange = new okx({ apiKey, secret, password: passphrase });
    exchange.nonce = () => timestampMs;
    const theirs = exchange.sign(ccxt.path, 'private', ccxt.method, { ...ccxt.params });

    const signed = signOkxRequest(ours, credentials(secret, passphrase, apiKey), timestampMs);

    for (const header of ['OK-ACCESS-SIGN', 'OK-ACCESS-TIMESTAMP', 'OK-ACCESS-KEY', 'OK-ACCESS-PASSPHRASE']) {
      expect(signed.headers[header], header).toBe(theirs.headers[header]);
    }
    expect(signed.body).toBe(theirs.body);
    expect(signed.url).toBe(theirs.url);
  });
});
