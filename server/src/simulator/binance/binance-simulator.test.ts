// The simulator's own checks, with requests signed by hand here (node:crypto), not by binance-sign.ts.
import { createHmac } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createBinanceSimulator, type BinanceSimulatorOptions } from './binance-simulator.ts';
import {
  BINANCE_DEMO_CONNECTION,
  BINANCE_DEMO_REFERENCE_MS,
  BINANCE_DEMO_SUB_CONNECTION,
  createBinanceDemoSeed,
  createLargeBinanceSeed,
} from './binance-demo-seed.ts';

type Signer = { apiKey: string; secret: string };
const MASTER: Signer = BINANCE_DEMO_CONNECTION;
const TREASURY = 'treasury+ops@acme-capital.io';

const hexHmac = (secret: string, message: string) => createHmac('sha256', secret).update(message).digest('hex');

let clockMs: number;
beforeEach(() => {
  clockMs = BINANCE_DEMO_REFERENCE_MS + 10_000;
});

function setup(options: BinanceSimulatorOptions = {}, mountPath = '/') {
  const simulator = createBinanceSimulator({ now: () => clockMs, ...options });
  const app = express();
  app.use(mountPath, simulator.router);
  return { ...simulator, app };
}

/** path?params&timestamp&signature, signed over exactly the query sent, as Binance's docs describe. */
function signedUrl(signer: Signer, path: string, params: [string, string][] = [], overrides: { timestamp?: number; signature?: string } = {}) {
  const pairs: [string, string][] = [...params, ['timestamp', String(overrides.timestamp ?? clockMs)]];
  const query = pairs.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
  return `${path}?${query}&signature=${overrides.signature ?? hexHmac(signer.secret, query)}`;
}

const get = (app: express.Express, signer: Signer, path: string, params: [string, string][] = []) =>
  request(app).get(signedUrl(signer, path, params)).set('X-MBX-APIKEY', signer.apiKey);

describe(createBinanceSimulator.name, () => {
  it('serves its clock, skew included, with the IP weight header', async () => {
    const { app, state } = setup();
    const response = await request(app).get('/api/v3/time');
    expect(response.body).toEqual({ serverTime: clockMs });
    expect(response.headers['x-mbx-used-weight-1m']).toBe('1');
    state.setFaults({ clockSkewMs: 60_000 });
    expect((await request(app).get('/api/v3/time')).body.serverTime).toBe(clockMs + 60_000);
  });

  it('answers a correctly signed apiRestrictions call in the documented shape', async () => {
    const { app } = setup();
    const response = await get(app, MASTER, '/sapi/v1/account/apiRestrictions');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body)).toEqual([
      'ipRestrict', 'createTime', 'enableReading', 'enableWithdrawals', 'enableInternalTransfer', 'enableMargin', 'enableFutures',
      'permitsUniversalTransfer', 'enableVanillaOptions', 'enableFixApiTrade', 'enableFixReadOnly', 'enableSpotAndMarginTrading',
      'enablePortfolioMarginTrading',
    ]);
    expect(response.body).toMatchObject({ ipRestrict: true, enableReading: true, enableSpotAndMarginTrading: true, enableWithdrawals: false });
    expect(response.headers['x-sapi-used-ip-weight-1m']).toBe('1');
  });

  it('works when mounted under a prefix: the signed query is all that counts', async () => {
    const { app } = setup({}, '/binance');
    const response = await get(app, MASTER, '/binance/sapi/v1/account/apiRestrictions');
    expect(response.status).toBe(200);
  });

  describe('rejects what Binance rejects', () => {
    const path = '/sapi/v1/account/apiRestrictions';
    type Build = () => { url: string; apiKey?: string | null };
    it.each([
      ['a missing API key header', 401, -2014, () => ({ url: signedUrl(MASTER, path), apiKey: null })],
      ['an unknown key', 401, -2015, () => ({ url: signedUrl(MASTER, path), apiKey: '0'.repeat(64) })],
      ['a missing signature', 400, -1102, () => ({ url: `${path}?timestamp=${clockMs}` })],
      ['a missing timestamp', 400, -1102, () => ({ url: `${path}?recvWindow=5000&signature=${hexHmac(MASTER.secret, 'recvWindow=5000')}` })],
      ['a timestamp 5001 ms old', 400, -1021, () => ({ url: signedUrl(MASTER, path, [], { timestamp: clockMs - 5_001 }) })],
      ['a timestamp 1000 ms ahead', 400, -1021, () => ({ url: signedUrl(MASTER, path, [], { timestamp: clockMs + 1_000 }) })],
      ['a timestamp in seconds', 400, -1021, () => ({ url: signedUrl(MASTER, path, [], { timestamp: Math.floor(clockMs / 1000) }) })],
      ['a recvWindow above 60000', 400, -1131, () => ({ url: signedUrl(MASTER, path, [['recvWindow', '60001']]) })],
      ['a signature by another secret', 400, -1022, () => ({ url: signedUrl({ ...MASTER, secret: 'other' }, path) })],
      ['a base64 signature', 400, -1022, () => {
        const query = `timestamp=${clockMs}`;
        return { url: `${path}?${query}&signature=${encodeURIComponent(createHmac('sha256', MASTER.secret).update(query).digest('base64'))}` };
      }],
      ['a signature over the decoded query', 400, -1022, () => {
        const query = `email=${encodeURIComponent(TREASURY)}&timestamp=${clockMs}`;
        return { url: `${path}?${query}&signature=${hexHmac(MASTER.secret, decodeURIComponent(query))}` };
      }],
    ] as [string, number, number, Build][])('%s → HTTP %i, code %i', async (_name, status, code, build) => {
      const { app } = setup();
      const { url, apiKey } = build();
      const pending = request(app).get(url);
      const response = await (apiKey === null ? pending : pending.set('X-MBX-APIKEY', apiKey ?? MASTER.apiKey));
      expect(response.status).toBe(status);
      expect(response.body).toEqual({ code, msg: expect.any(String) });
      expect(response.headers).not.toHaveProperty('x-sapi-used-ip-weight-1m');
    });

    it('accepts a timestamp 5000 ms old or 999 ms ahead, and an upper-case signature', async () => {
      const { app } = setup();
      for (const timestamp of [clockMs - 5_000, clockMs + 999]) {
        const response = await request(app).get(signedUrl(MASTER, path, [], { timestamp })).set('X-MBX-APIKEY', MASTER.apiKey);
        expect(response.status).toBe(200);
      }
      const query = `timestamp=${clockMs}`;
      const upper = await request(app).get(`${path}?${query}&signature=${hexHmac(MASTER.secret, query).toUpperCase()}`).set('X-MBX-APIKEY', MASTER.apiKey);
      expect(upper.status).toBe(200);
    });

    it('refuses a caller outside the key whitelist with -2015 and HTTP 401', async () => {
      const seed = createBinanceDemoSeed();
      seed.master.keys[0]!.ipList = ['203.0.113.99'];
      const { app } = setup({ seed });
      const response = await get(app, MASTER, path);
      expect(response.status).toBe(401);
      expect(response.body.code).toBe(-2015);
    });
  });

  describe('weight budgets', () => {
    it('answers 429 / -1003 with Retry-After while rateLimitEveryRequest is on', async () => {
      const { app, state } = setup();
      state.setFaults({ rateLimitEveryRequest: true });
      const response = await get(app, MASTER, '/sapi/v1/account/apiRestrictions');
      expect(response.status).toBe(429);
      expect(response.body.code).toBe(-1003);
      expect(response.headers['retry-after']).toBe('50');
      expect(state.stats.rateLimited).toBe(1);
    });

    it('counts each endpoint against its own UID budget and resets on the minute', async () => {
      const { app } = setup({ rateLimit: { ipWeightPerMinute: 12_000, uidWeightPerMinute: 6_000 } });
      const list = () => get(app, MASTER, '/sapi/v1/sub-account/subAccountApi', [['email', TREASURY]]);
      expect((await list()).headers['x-sapi-used-uid-weight-1m']).toBe('3000');
      expect((await list()).status).toBe(200);
      expect((await list()).status).toBe(429);
      const apiKey = BINANCE_DEMO_SUB_CONNECTION.apiKey;
      expect((await get(app, MASTER, '/sapi/v1/sub-account/subAccountApi/ipRestriction', [['email', TREASURY], ['subAccountApiKey', apiKey]])).status).toBe(200);
      clockMs += 50_000;
      expect((await list()).status).toBe(200);
    });
  });

  describe('sub-accounts and their keys', () => {
    it('pages the sub-account list by page and limit (default 1)', async () => {
      const { app } = setup();
      expect((await get(app, MASTER, '/sapi/v1/sub-account/list')).body.subAccounts).toHaveLength(1);
      const second = await get(app, MASTER, '/sapi/v1/sub-account/list', [['page', '2'], ['limit', '3']]);
      expect(second.body.subAccounts.map((sub: { email: string }) => sub.email)).toEqual([TREASURY, 'options-desk_virtual@7qk2nfnoemail.com']);
    });

    it('lists keys in the SDK shape (rows), filtered by subAccountApiKey when asked', async () => {
      const { app } = setup();
      const all = await get(app, MASTER, '/sapi/v1/sub-account/subAccountApi', [['email', TREASURY]]);
      expect(all.body.total).toBe(3);
      expect(Object.keys(all.body.rows[0])).toEqual([
        'email', 'apiName', 'apikey', 'canTrade', 'canMarginLoanRepay', 'canFuturesTrade', 'canUniversalTransfer', 'canVanillaOptions', 'timestamp',
      ]);
      const apiKey = all.body.rows[2].apikey as string;
      const one = await get(app, MASTER, '/sapi/v1/sub-account/subAccountApi', [['email', TREASURY], ['subAccountApiKey', apiKey]]);
      expect(one.body).toEqual({ total: 1, rows: [all.body.rows[2]] });
      const none = await get(app, MASTER, '/sapi/v1/sub-account/subAccountApi', [['email', TREASURY], ['subAccountApiKey', 'x'.repeat(64)]]);
      expect(none.body).toEqual({ total: 0, rows: [] });
      expect(all.body.rows[2]).not.toHaveProperty('enableWithdrawals');
    });

    it("pages keys as 'list' in the sub-account-keys-list variant, as Binance did before the 2026 rename", async () => {
      const { app } = setup({ variant: 'sub-account-keys-list' });
      const all = await get(app, MASTER, '/sapi/v1/sub-account/subAccountApi', [['email', TREASURY]]);
      expect(Object.keys(all.body)).toEqual(['total', 'list']);
      expect(all.body.list).toHaveLength(3);
    });

    it('pages keys by page and size', async () => {
      const { app } = setup({ seed: createLargeBinanceSeed({ subAccounts: 1, keysPerSub: 7 }) });
      const email = 'sub-0001_virtual@7qk2nfnoemail.com';
      const page = await get(app, MASTER, '/sapi/v1/sub-account/subAccountApi', [['email', email], ['page', '2'], ['size', '5']]);
      expect(page.body.total).toBe(7);
      expect(page.body.rows).toHaveLength(2);
    });

    it('reports a key IP restriction with ipRestrict as a string', async () => {
      const { app } = setup();
      const rows = (await get(app, MASTER, '/sapi/v1/sub-account/subAccountApi', [['email', TREASURY]])).body.rows as { apikey: string }[];
      const restriction = (apiKey: string) => get(app, MASTER, '/sapi/v1/sub-account/subAccountApi/ipRestriction', [['email', TREASURY], ['subAccountApiKey', apiKey]]);
      expect((await restriction(rows[0]!.apikey)).body).toEqual({ ipRestrict: 'true', ipList: ['203.0.113.50'], updateTime: expect.any(Number), apiKey: rows[0]!.apikey });
      expect((await restriction(rows[2]!.apikey)).body).toMatchObject({ ipRestrict: 'false', ipList: [] });
    });

    it('reports a third-party key with status 3 and the app, and an explicit status only where one is set', async () => {
      const seed = createBinanceDemoSeed();
      seed.subAccounts.find((sub) => sub.email === TREASURY)!.keys[1]!.ipRestrictionStatus = 2;
      const { app, state } = setup({ seed });
      const restriction = (email: string, apiKey: string) => get(app, MASTER, '/sapi/v1/sub-account/subAccountApi/ipRestriction', [['email', email], ['subAccountApiKey', apiKey]]);
      const desk = 'options-desk_virtual@7qk2nfnoemail.com';
      const linked = state.listKeys({ kind: 'sub', name: desk }).find((key) => key.apiName === '3commas-linked')!;
      expect((await restriction(desk, linked.apiKey)).body).toEqual({ ipRestrict: 'true', ipList: [], updateTime: expect.any(Number), apiKey: linked.apiKey, status: '3', thirdPartyName: '3Commas' });
      expect((await restriction(TREASURY, state.listKeys({ kind: 'sub', name: TREASURY })[1]!.apiKey)).body).toMatchObject({ ipRestrict: 'true', status: '2' });
    });

    it('answers the sub-account-only transfer history to a sub-account key, and refuses the master', async () => {
      const { app } = setup();
      expect((await get(app, BINANCE_DEMO_SUB_CONNECTION, '/sapi/v1/sub-account/transfer/subUserHistory')).body).toEqual([]);
      expect((await get(app, MASTER, '/sapi/v1/sub-account/transfer/subUserHistory')).body.code).toBe(-8012);
    });

    it.each([
      ['no email', [], -1102],
      ['an unknown email', [['email', 'nobody@example.com']], -1130],
    ] as [string, [string, string][], number][])('refuses %s', async (_name, params, code) => {
      const { app } = setup();
      const response = await get(app, MASTER, '/sapi/v1/sub-account/subAccountApi', params);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe(code);
    });

    it('answers -8012 to a sub-account key on every sub-account endpoint', async () => {
      const { app } = setup();
      const sub = BINANCE_DEMO_SUB_CONNECTION;
      expect((await get(app, sub, '/sapi/v1/account/apiRestrictions')).status).toBe(200);
      expect((await get(app, sub, '/sapi/v1/sub-account/list')).body.code).toBe(-8012);
      expect((await get(app, sub, '/sapi/v1/sub-account/subAccountApi', [['email', TREASURY]])).body.code).toBe(-8012);
    });
  });

  describe('DELETE /sapi/v1/sub-account/subAccountApi', () => {
    const remove = (app: express.Express, signer: Signer, params: [string, string][]) =>
      request(app).delete(signedUrl(signer, '/sapi/v1/sub-account/subAccountApi', params)).set('X-MBX-APIKEY', signer.apiKey);

    it('deletes the key and answers {}', async () => {
      const { app, state } = setup();
      const { apiKey } = state.listKeys({ kind: 'sub', name: TREASURY })[2]!;
      const response = await remove(app, MASTER, [['email', TREASURY], ['subAccountApiKey', apiKey]]);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({});
      expect(state.findKey(apiKey)).toBeUndefined();
      expect(state.listAllKeys()).toHaveLength(13);
    });

    it('refuses a master key without trade permission and deletes nothing', async () => {
      const seed = createBinanceDemoSeed();
      seed.master.keys[0]!.permissions = ['enableReading'];
      const { app, state } = setup({ seed });
      const { apiKey } = state.listKeys({ kind: 'sub', name: TREASURY })[2]!;
      const response = await remove(app, MASTER, [['email', TREASURY], ['subAccountApiKey', apiKey]]);
      expect(response.body.code).toBe(-2015);
      expect(state.findKey(apiKey)).toBeDefined();
    });

    it('refuses to delete a key of an asset-management sub-account, which the list marks as such', async () => {
      const seed = createBinanceDemoSeed();
      seed.subAccounts.find((sub) => sub.email === TREASURY)!.isAssetManagement = true;
      const { app, state } = setup({ seed });
      const listed = await get(app, MASTER, '/sapi/v1/sub-account/list', [['limit', '10']]);
      expect(listed.body.subAccounts.find((sub: { email: string }) => sub.email === TREASURY).isAssetManagementSubAccount).toBe(true);
      const { apiKey } = state.listKeys({ kind: 'sub', name: TREASURY })[0]!;
      expect((await remove(app, MASTER, [['email', TREASURY], ['subAccountApiKey', apiKey]])).status).toBe(400);
      expect(state.findKey(apiKey)).toBeDefined();
    });

    it('refuses an unknown key with -1130', async () => {
      const { app } = setup();
      const response = await remove(app, MASTER, [['email', TREASURY], ['subAccountApiKey', 'x'.repeat(64)]]);
      expect(response.body.code).toBe(-1130);
    });

    it('refuses a sub-account key as caller and deletes nothing', async () => {
      const { app, state } = setup();
      const { apiKey } = state.listKeys({ kind: 'sub', name: TREASURY })[2]!;
      const response = await remove(app, BINANCE_DEMO_SUB_CONNECTION, [['email', TREASURY], ['subAccountApiKey', apiKey]]);
      expect(response.body.code).toBe(-8012);
      expect(state.findKey(apiKey)).toBeDefined();
    });
  });

  describe('faults', () => {
    it('fails the chosen sub-accounts with HTTP 500 / -1001 and serves the others', async () => {
      const { app, state } = setup();
      state.setFaults({ failSubAccounts: [TREASURY] });
      const failed = await get(app, MASTER, '/sapi/v1/sub-account/subAccountApi', [['email', TREASURY]]);
      const served = await get(app, MASTER, '/sapi/v1/sub-account/subAccountApi', [['email', 'tax-reports_virtual@7qk2nfnoemail.com']]);
      expect(failed.status).toBe(500);
      expect(failed.body.code).toBe(-1001);
      expect(served.body.rows).toHaveLength(2);
    });

    it('answers with a non-JSON body while garbage is on', async () => {
      const { app, state } = setup();
      state.setFaults({ garbage: true });
      const response = await request(app).get('/api/v3/time');
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(() => JSON.parse(response.text)).toThrow();
      state.clearFaults();
      expect((await request(app).get('/api/v3/time')).body.serverTime).toBe(clockMs);
    });
  });

  it('answers unknown paths with 404 / -5000 and oversized bodies with an envelope', async () => {
    const { app } = setup();
    const unknown = await request(app).get('/sapi/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe(-5000);
    const huge = await request(app).post('/sapi/v1/sub-account/subAccountApi').type('form').send(`x=${'a'.repeat(100_000)}`);
    expect(huge.status).toBe(400);
    expect(huge.body.code).toBe(-1100);
  });
});

describe(createBinanceDemoSeed.name, () => {
  const seed = createBinanceDemoSeed();
  const keys = [...seed.master.keys, ...seed.subAccounts.flatMap((sub) => sub.keys)];
  const subKeys = seed.subAccounts.flatMap((sub) => sub.keys);

  it('has 3–5 sub-accounts and 8–15 keys with unique, Binance-shaped apiKeys', () => {
    expect(seed.subAccounts.length).toBeGreaterThanOrEqual(3);
    expect(seed.subAccounts.length).toBeLessThanOrEqual(5);
    expect(keys.length).toBeGreaterThanOrEqual(8);
    expect(keys.length).toBeLessThanOrEqual(15);
    expect(new Set(keys.map((key) => key.apiKey)).size).toBe(keys.length);
    expect(keys.every((key) => /^[A-Za-z0-9]{64}$/.test(key.apiKey) && /^[A-Za-z0-9]{64}$/.test(key.secret))).toBe(true);
  });

  it('spreads the risks: transfers without whitelist, whitelisted read-only keys, trade bots', () => {
    const openTransfers = subKeys.filter((key) => key.permissions.includes('permitsUniversalTransfer') && key.ipList.length === 0);
    const readOnlyWhitelisted = subKeys.filter((key) => key.permissions.join() === 'enableReading' && key.ipList.length > 0);
    const tradeBots = subKeys.filter((key) => key.permissions.includes('enableSpotAndMarginTrading'));
    expect(openTransfers.length).toBeGreaterThanOrEqual(2);
    expect(readOnlyWhitelisted.length).toBeGreaterThanOrEqual(2);
    expect(tradeBots.length).toBeGreaterThanOrEqual(4);
  });

  it('shows a key bound to a third-party app', () => {
    expect(subKeys.filter((key) => key.thirdPartyName).map((key) => key.apiName)).toEqual(['3commas-linked']);
  });

  it('uses mostly public-looking IPs and whitelists the demo connection for this machine', () => {
    const ips = subKeys.flatMap((key) => key.ipList).filter((ip) => ip !== '127.0.0.1');
    expect(ips.filter((ip) => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(ip))).toEqual([]);
    expect(ips.filter((ip) => ip.startsWith('203.0.113.'))).toHaveLength(1);
    expect(seed.master.keys[0]).toMatchObject({ apiKey: BINANCE_DEMO_CONNECTION.apiKey, ipList: ['127.0.0.1'] });
  });
});
