// Pins signBinanceRequest to Binance's published HMAC vectors (docs/exchanges/binance.md#test-vectors) and to ccxt, an independent signer.
import { describe, expect, it } from 'vitest';
import { binance } from 'ccxt';
import { signBinanceRequest, withBinanceTimestamp, type BinanceParams } from './binance-sign.ts';
import { redact } from '../../secrets/redacted.ts';
import type { Credentials } from '../exchange-adapter.ts';

const DOC_API_KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const DOC_SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
const DOC_TIMESTAMP_MS = 1499827319559;
const BASE_URL = 'https://api.binance.com';

const credentials = (secret = DOC_SECRET, apiKey = DOC_API_KEY): Credentials => ({ apiKey, secret: redact(secret) });
const orderParams = (symbol: string): BinanceParams =>
  [['symbol', symbol], ['side', 'BUY'], ['type', 'LIMIT'], ['timeInForce', 'GTC'], ['quantity', '1'], ['price', '0.1']];

describe(signBinanceRequest.name, () => {
  it('reproduces the official HMAC example of POST /api/v3/order, parameters in the body', () => {
    const params = withBinanceTimestamp(orderParams('LTCBTC'), DOC_TIMESTAMP_MS, 5_000);
    const signed = signBinanceRequest({ baseUrl: BASE_URL, method: 'POST', path: '/api/v3/order', params }, credentials());
    expect(signed.body).toBe(
      'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559'
        + '&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71',
    );
    expect(signed.url).toBe(`${BASE_URL}/api/v3/order`);
    expect(signed.headers).toEqual({ 'X-MBX-APIKEY': DOC_API_KEY, 'Content-Type': 'application/x-www-form-urlencoded' });
  });

  it('percent-encodes non-ASCII before signing, as the official second example does', () => {
    const params = withBinanceTimestamp(orderParams('１２３４５６'), DOC_TIMESTAMP_MS);
    const signed = signBinanceRequest({ baseUrl: BASE_URL, method: 'GET', path: '/api/v3/order', params }, credentials());
    expect(signed.url).toBe(
      `${BASE_URL}/api/v3/order?symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT&timeInForce=GTC`
        + '&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559'
        + '&signature=e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3',
    );
    expect(signed).not.toHaveProperty('body');
  });

  it('signs and sends the encoded email of a sub-account, + and @ included', () => {
    const params = withBinanceTimestamp([['email', 'treasury+ops@acme-capital.io']], 1_700_000_000_000);
    const signed = signBinanceRequest({ baseUrl: `${BASE_URL}/`, method: 'DELETE', path: '/sapi/v1/sub-account/subAccountApi', params }, credentials());
    expect(signed.url).toMatch(/^https:\/\/api\.binance\.com\/sapi\/v1\/sub-account\/subAccountApi\?email=treasury%2Bops%40acme-capital\.io&recvWindow=5000&timestamp=1700000000000&signature=[0-9a-f]{64}$/);
  });

  it('refuses to sign a request without a timestamp, without revealing the secret', () => {
    expect(() => signBinanceRequest({ baseUrl: BASE_URL, method: 'GET', path: '/sapi/v1/account/apiRestrictions', params: [] }, credentials('KA_CANARY_SECRET')))
      .toThrow(expect.objectContaining({ kind: 'invalid-request', message: expect.not.stringContaining('KA_CANARY') }));
  });
});

describe('signBinanceRequest agrees with ccxt 4.5.84', () => {
  // ccxt puts timestamp first and sends sub-account parameters unencoded; the same pairs in the same order must sign alike.
  type Case = { name: string; method: 'GET' | 'POST' | 'DELETE'; ccxtPath: string; ccxtApi?: string; path: string; params: [string, string][]; ccxtParams?: Record<string, string> };
  const cases: Case[] = [
    { name: 'the calling key read', method: 'GET', ccxtPath: 'account/apiRestrictions', path: '/sapi/v1/account/apiRestrictions', params: [] },
    {
      name: 'a paged sub-account list',
      method: 'GET',
      ccxtPath: 'sub-account/list',
      path: '/sapi/v1/sub-account/list',
      params: [['page', '2'], ['limit', '200']],
    },
    {
      name: 'a sub-account key listing by email',
      method: 'GET',
      ccxtPath: 'sub-account/subAccountApi',
      path: '/sapi/v1/sub-account/subAccountApi',
      params: [['email', 'grid-bots_virtual@k3v9qnoemail.com'], ['page', '1'], ['size', '100']],
      // Handed over pre-encoded: ccxt does not encode sub-account parameters itself.
      ccxtParams: { email: 'grid-bots_virtual%40k3v9qnoemail.com', page: '1', size: '100' },
    },
    {
      name: 'a sub-account key deletion',
      method: 'DELETE',
      ccxtPath: 'sub-account/subAccountApi',
      path: '/sapi/v1/sub-account/subAccountApi',
      params: [['email', 'treasury+ops@acme-capital.io'], ['subAccountApiKey', 'k5V49ldtn4tszj6W3hystegdfvmGbqDzjmkCtpTvC0G74WhK7yd4rfCTo4lShf']],
      ccxtParams: { email: 'treasury%2Bops%40acme-capital.io', subAccountApiKey: 'k5V49ldtn4tszj6W3hystegdfvmGbqDzjmkCtpTvC0G74WhK7yd4rfCTo4lShf' },
    },
    {
      name: 'an IP restriction insert (v2, form body)',
      method: 'POST',
      ccxtPath: 'sub-account/subAccountApi/ipRestriction',
      ccxtApi: 'sapiV2',
      path: '/sapi/v2/sub-account/subAccountApi/ipRestriction',
      params: [['email', 'treasury+ops@acme-capital.io'], ['subAccountApiKey', 'k5V49ldtn4tszj6W3hystegdfvmGbqDzjmkCtpTvC0G74WhK7yd4rfCTo4lShf'], ['status', '2'], ['ipAddress', '198.51.100.4,198.51.100.5']],
      ccxtParams: { email: 'treasury%2Bops%40acme-capital.io', subAccountApiKey: 'k5V49ldtn4tszj6W3hystegdfvmGbqDzjmkCtpTvC0G74WhK7yd4rfCTo4lShf', status: '2', ipAddress: '198.51.100.4%2C198.51.100.5' },
    },
    {
      name: 'an IP list deletion',
      method: 'DELETE',
      ccxtPath: 'sub-account/subAccountApi/ipRestriction/ipList',
      path: '/sapi/v1/sub-account/subAccountApi/ipRestriction/ipList',
      params: [['email', 'treasury+ops@acme-capital.io'], ['subAccountApiKey', 'k5V49ldtn4tszj6W3hystegdfvmGbqDzjmkCtpTvC0G74WhK7yd4rfCTo4lShf'], ['ipAddress', '203.0.113.50']],
      ccxtParams: { email: 'treasury%2Bops%40acme-capital.io', subAccountApiKey: 'k5V49ldtn4tszj6W3hystegdfvmGbqDzjmkCtpTvC0G74WhK7yd4rfCTo4lShf', ipAddress: '203.0.113.50' },
    },
    {
      name: 'a permission update with every flag',
      method: 'POST',
      ccxtPath: 'sub-account/subAccountApiPermission',
      path: '/sapi/v1/sub-account/subAccountApiPermission',
      params: [['email', 'treasury+ops@acme-capital.io'], ['subAccountApiKey', 'k5V49ldtn4tszj6W3hystegdfvmGbqDzjmkCtpTvC0G74WhK7yd4rfCTo4lShf'], ['canTrade', 'false'], ['canMarginLoanRepay', 'false'], ['canFuturesTrade', 'true'], ['canUniversalTransfer', 'false'], ['canVanillaOptions', 'false']],
      ccxtParams: { email: 'treasury%2Bops%40acme-capital.io', subAccountApiKey: 'k5V49ldtn4tszj6W3hystegdfvmGbqDzjmkCtpTvC0G74WhK7yd4rfCTo4lShf', canTrade: 'false', canMarginLoanRepay: 'false', canFuturesTrade: 'true', canUniversalTransfer: 'false', canVanillaOptions: 'false' },
    },
    {
      name: 'a POST with a form body',
      method: 'POST',
      ccxtPath: 'asset/transfer',
      path: '/sapi/v1/asset/transfer',
      params: [['type', 'MAIN_UMFUTURE'], ['asset', 'USDT'], ['amount', '1.5']],
    },
  ];

  it.each(cases)('for $name', ({ method, ccxtPath, ccxtApi, path, params, ccxtParams }) => {
    const timestampMs = 1_700_000_000_000;
    const apiKey = 'Kq4Zt8Rw2Yp6Ld1Nb5Hx9Vc3Mf7Gj0Sa4Ue8Io2Pw6Ry1Tz5Xk9Bn3Qm7Lh0Dc4';
    const secret = 'tR7yU2iO9pA4sD6fG1hJ3kL8zX5cV0bN2mQ7wE4rT9yU1iO6pA3sD8fG5hJ0kL2';
    const exchange = new binance({ apiKey, secret });
    exchange.nonce = () => timestampMs;
    exchange.options.recvWindow = 5_000;
    const theirs = exchange.sign(ccxtPath, ccxtApi ?? 'sapi', method, { ...(ccxtParams ?? Object.fromEntries(params)) });

    const ours = signBinanceRequest({ baseUrl: BASE_URL, method, path, params: [['timestamp', String(timestampMs)], ...params, ['recvWindow', '5000']] }, credentials(secret, apiKey));

    expect(ours.url).toBe(theirs.url);
    expect(ours.body).toBe(theirs.body);
    expect(ours.headers).toEqual(theirs.headers);
  });
});
