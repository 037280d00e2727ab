// The simulator's own checks, with requests signed by hand here (node:crypto), not by bybit-sign.ts.
import { createHmac } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createBybitSimulator, type BybitSimulatorOptions } from './bybit-simulator.ts';
import { BYBIT_DEMO_CONNECTION, BYBIT_DEMO_REFERENCE_MS, BYBIT_DEMO_SUB_CONNECTION, createBybitDemoSeed, createLargeBybitSeed } from './bybit-demo-seed.ts';

type Signer = { apiKey: string; secret: string };
const MASTER: Signer = BYBIT_DEMO_CONNECTION;
const hex = (secret: string, message: string) => createHmac('sha256', secret).update(message).digest('hex');

let clockMs: number;
beforeEach(() => {
  clockMs = BYBIT_DEMO_REFERENCE_MS;
});

function setup(options: BybitSimulatorOptions = {}, mountPath = '/') {
  const simulator = createBybitSimulator({ now: () => clockMs, seed: createBybitDemoSeed(), ...options });
  const app = express();
  app.use(mountPath, simulator.router);
  return { ...simulator, app };
}

/** X-BAPI-* headers over `payload` (the query string as sent, or the JSON body), as Bybit's guide describes. */
function headers(signer: Signer, payload: string, overrides: Record<string, string> = {}) {
  const timestamp = overrides.timestamp ?? String(clockMs);
  const recvWindow = overrides['X-BAPI-RECV-WINDOW'] ?? '5000';
  return {
    'X-BAPI-API-KEY': signer.apiKey,
    'X-BAPI-TIMESTAMP': timestamp,
    'X-BAPI-RECV-WINDOW': recvWindow,
    'X-BAPI-SIGN': hex(signer.secret, timestamp + signer.apiKey + recvWindow + payload),
    ...overrides,
  };
}

const get = (app: express.Express, signer: Signer, path: string, query = '', overrides: Record<string, string> = {}) =>
  request(app).get(query ? `${path}?${query}` : path).set(headers(signer, query, overrides));
const post = (app: express.Express, signer: Signer, path: string, body: string) =>
  request(app).post(path).set({ ...headers(signer, body), 'Content-Type': 'application/json' }).send(body);

describe(createBybitSimulator.name, () => {
  it('serves its clock, skew included, on the public time endpoint', async () => {
    const { app, state } = setup();
    const response = await request(app).get('/v5/market/time');
    expect(response.body).toMatchObject({ retCode: 0, result: { timeSecond: String(clockMs / 1000), timeNano: `${clockMs}000000` }, time: clockMs });
    state.setFaults({ clockSkewMs: 60_000 });
    expect((await request(app).get('/v5/market/time')).body.time).toBe(clockMs + 60_000);
  });

  it('answers a correctly signed call with the calling key and rate-limit headers', async () => {
    const { app } = setup();
    const response = await get(app, MASTER, '/v5/user/query-api');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      retCode: 0,
      result: { apiKey: MASTER.apiKey, isMaster: true, readOnly: 0, ips: ['127.0.0.1'], secret: '', parentUid: '0', expiredAt: '1970-01-01T00:00:00Z' },
    });
    expect(response.body.result.permissions).toMatchObject({ Wallet: ['AccountTransfer', 'SubMemberTransfer'], Spot: [], FiatP2P: [] });
    expect(response.headers).toMatchObject({ 'x-bapi-limit': '10', 'x-bapi-limit-status': '9', 'x-bapi-limit-reset-timestamp': String(clockMs) });
  });

  it('works when mounted under a prefix', async () => {
    const { app } = setup({}, '/bybit');
    const response = await request(app).get('/bybit/v5/user/query-api').set(headers(MASTER, ''));
    expect(response.body.retCode).toBe(0);
  });

  it('reports a sub-account calling key with its UID and parent', async () => {
    const { app } = setup();
    const response = await get(app, BYBIT_DEMO_SUB_CONNECTION, '/v5/user/query-api');
    expect(response.body.result).toMatchObject({ isMaster: false, userID: Number(BYBIT_DEMO_SUB_CONNECTION.uid), parentUid: '100245813' });
  });

  describe('rejects what Bybit rejects', () => {
    it.each([
      ['a missing key', () => ({ 'X-BAPI-API-KEY': '' }), 10003],
      ['a timestamp just outside the 5000 ms window', () => ({ timestamp: String(clockMs - 5_001) }), 10002],
      ['a timestamp 1000 ms ahead', () => ({ timestamp: String(clockMs + 1_000) }), 10002],
      ['a timestamp in seconds', () => ({ timestamp: String(Math.floor(clockMs / 1000)) }), 10002],
      ['an unknown key', () => ({ 'X-BAPI-API-KEY': 'AAAAAAAAAAAAAAAAAA' }), 10003],
      ['a signature by another secret', () => ({ 'X-BAPI-SIGN': hex('other', `${clockMs}${MASTER.apiKey}5000`) }), 10004],
      ['an upper-case hex signature', () => ({ 'X-BAPI-SIGN': hex(MASTER.secret, `${clockMs}${MASTER.apiKey}5000`).toUpperCase() }), 10004],
      ['a base64 signature', () => ({ 'X-BAPI-SIGN': createHmac('sha256', MASTER.secret).update(`${clockMs}${MASTER.apiKey}5000`).digest('base64') }), 10004],
    ])('%s → retCode %i', async (_name, override, retCode) => {
      const { app } = setup();
      const response = await get(app, MASTER, '/v5/user/query-api', '', override());
      expect(response.body).toMatchObject({ retCode, retMsg: expect.any(String), result: {} });
      expect(response.headers).not.toHaveProperty('x-bapi-limit-status');
    });

    it('accepts timestamps from 5000 ms behind to 999 ms ahead, and a larger recvWindow', async () => {
      const { app } = setup();
      expect((await get(app, MASTER, '/v5/user/query-api', '', { timestamp: String(clockMs - 5_000) })).body.retCode).toBe(0);
      expect((await get(app, MASTER, '/v5/user/query-api', '', { timestamp: String(clockMs + 999) })).body.retCode).toBe(0);
      expect((await get(app, MASTER, '/v5/user/query-api', '', { timestamp: String(clockMs - 9_000), 'X-BAPI-RECV-WINDOW': '10000' })).body.retCode).toBe(0);
    });

    it('rejects a caller outside the bound IPs with 10010', async () => {
      const seed = createBybitDemoSeed();
      seed.master.keys[0]!.ips = ['18.181.170.164'];
      const { app } = setup({ seed });
      expect((await get(app, MASTER, '/v5/user/query-api')).body.retCode).toBe(10010);
    });

    it('rejects an expired key with 33004', async () => {
      const seed = createBybitDemoSeed();
      seed.master.keys[0]!.expiresAtMs = clockMs - 1;
      const { app } = setup({ seed });
      expect((await get(app, MASTER, '/v5/user/query-api')).body.retCode).toBe(33004);
    });

    it('rejects a sub-account key on master-only endpoints with 10005', async () => {
      const { app } = setup();
      expect((await get(app, BYBIT_DEMO_SUB_CONNECTION, '/v5/user/submembers')).body.retCode).toBe(10005);
      expect((await get(app, BYBIT_DEMO_SUB_CONNECTION, '/v5/user/sub-apikeys', 'subMemberId=100245901')).body.retCode).toBe(10005);
    });

    it('answers an unknown V5 path with HTTP 404 and 10017', async () => {
      const { app } = setup();
      const response = await get(app, MASTER, '/v5/user/nothing-here');
      expect(response.status).toBe(404);
      expect(response.body.retCode).toBe(10017);
    });
  });

  describe('signature over the query', () => {
    it('verifies the query string exactly as sent, still encoded', async () => {
      const { app } = setup();
      const response = await get(app, MASTER, '/v5/user/sub-apikeys', 'subMemberId=100245902&limit=20');
      expect(response.body.retCode).toBe(0);
      expect(response.body.result.result.map((key: { note: string }) => key.note)).toEqual(['3commas-dca', 'pionex-grid', 'copytrade-app']);
    });

    it('rejects a signature over the parameters in another order', async () => {
      const { app } = setup();
      const response = await request(app).get('/v5/user/sub-apikeys?subMemberId=100245902&limit=20').set(headers(MASTER, 'limit=20&subMemberId=100245902'));
      expect(response.body.retCode).toBe(10004);
    });
  });

  describe('rate limits (rolling second per UID and path)', () => {
    it('counts down X-Bapi-Limit-Status, refuses with 10006 and frees the window a second later', async () => {
      const { app, state } = setup({ rateLimits: { '/v5/user/query-api': 2 } });
      const first = await get(app, MASTER, '/v5/user/query-api');
      clockMs += 300;
      const second = await get(app, MASTER, '/v5/user/query-api');
      const third = await get(app, MASTER, '/v5/user/query-api');
      expect([first.headers['x-bapi-limit-status'], second.headers['x-bapi-limit-status']]).toEqual(['1', '0']);
      expect(third.body).toMatchObject({ retCode: 10006, result: {} });
      expect(third.headers).toMatchObject({ 'x-bapi-limit': '2', 'x-bapi-limit-status': '0', 'x-bapi-limit-reset-timestamp': String(clockMs - 300 + 1_000) });
      expect(state.stats.rateLimited).toBe(1);

      clockMs += 700;
      expect((await get(app, MASTER, '/v5/user/query-api')).body.retCode).toBe(0);
    });

    it('keeps separate windows per path and per UID', async () => {
      const { app } = setup({ rateLimits: { '/v5/user/query-api': 1 } });
      await get(app, MASTER, '/v5/user/query-api');
      expect((await get(app, MASTER, '/v5/user/submembers')).body.retCode).toBe(0);
      expect((await get(app, BYBIT_DEMO_SUB_CONNECTION, '/v5/user/query-api')).body.retCode).toBe(0);
    });

    it('refuses everything while rateLimitEveryRequest is on', async () => {
      const { app, state } = setup();
      state.setFaults({ rateLimitEveryRequest: true });
      expect((await get(app, MASTER, '/v5/user/query-api')).body.retCode).toBe(10006);
      expect(state.stats).toEqual({ requests: 1, rateLimited: 1 });
    });
  });

  describe('GET /v5/user/submembers', () => {
    it('pages with Bybit-style cursors that arrive percent-encoded and must be encoded again', async () => {
      const { app } = setup({ seed: createLargeBybitSeed({ subAccounts: 205, keysPerSub: 0 }) });
      const first = await get(app, MASTER, '/v5/user/submembers', 'pageSize=100');
      expect(first.body.result.subMembers).toHaveLength(100);
      expect(first.body.result.subMembers[0]).toEqual({ uid: '200000000', username: 'sub0001', memberType: 1, status: 1, remark: 'generated sub-account 1', accountMode: 5 });
      expect(first.body.result.nextCursor).toBe('100%3A0%2C100%3A0');
      const last = await get(app, MASTER, '/v5/user/submembers', `pageSize=100&nextCursor=${encodeURIComponent('200%3A0%2C200%3A0')}`);
      expect(last.body.result).toMatchObject({ nextCursor: '0' });
      expect(last.body.result.subMembers).toHaveLength(5);
      const unencoded = await get(app, MASTER, '/v5/user/submembers', 'pageSize=100&nextCursor=200%3A0%2C200%3A0');
      expect(unencoded.body.retCode).toBe(10001);
    });

    it('refuses a page size over 100 and a master key without a Wallet permission', async () => {
      const seed = createBybitDemoSeed();
      const { app } = setup({ seed });
      expect((await get(app, MASTER, '/v5/user/submembers', 'pageSize=101')).body.retCode).toBe(10001);
      seed.master.keys[0]!.permissions = { Spot: ['SpotTrade'] };
      const tradeOnly = setup({ seed });
      expect((await get(tradeOnly.app, MASTER, '/v5/user/submembers')).body.retCode).toBe(10005);
    });
  });

  describe('GET /v5/user/sub-apikeys', () => {
    it('pages by 20 at most, with nextPageCursor "" on the last page', async () => {
      const { app } = setup({ seed: createLargeBybitSeed({ subAccounts: 1, keysPerSub: 25 }) });
      const first = await get(app, MASTER, '/v5/user/sub-apikeys', 'subMemberId=200000000');
      expect(first.body.result.result).toHaveLength(20);
      const second = await get(app, MASTER, '/v5/user/sub-apikeys', `subMemberId=200000000&cursor=${encodeURIComponent(first.body.result.nextPageCursor)}`);
      expect(second.body.result).toMatchObject({ nextPageCursor: '' });
      expect(second.body.result.result).toHaveLength(5);
      expect((await get(app, MASTER, '/v5/user/sub-apikeys', 'subMemberId=200000000&limit=21')).body.retCode).toBe(10001);
    });

    it('shows expiry like Bybit: permanent for bound keys, a countdown for unbound ones, readOnly as a boolean', async () => {
      const { app } = setup();
      const keys = (await get(app, MASTER, '/v5/user/sub-apikeys', 'subMemberId=100245902')).body.result.result;
      expect(keys[1]).toMatchObject({ note: 'pionex-grid', ips: ['*'], status: 4, deadlineDay: 6, readOnly: false, secret: '******', flag: 'hmac' });
      expect(keys[2]).toMatchObject({ note: 'copytrade-app', status: 1, expiredAt: '1970-01-01T00:00:00Z', type: 2 });
    });

    it('fails one sub-account with 10016 while the fault is on', async () => {
      const { app, state } = setup();
      state.setFaults({ failSubAccounts: ['100245902'] });
      expect((await get(app, MASTER, '/v5/user/sub-apikeys', 'subMemberId=100245902')).body.retCode).toBe(10016);
      expect((await get(app, MASTER, '/v5/user/sub-apikeys', 'subMemberId=100245903')).body.retCode).toBe(0);
    });

    it('rejects a UID that is not a sub-account of this master', async () => {
      const { app } = setup();
      expect((await get(app, MASTER, '/v5/user/sub-apikeys', 'subMemberId=999')).body.retCode).toBe(10001);
    });
  });

  describe('deleting keys', () => {
    const subKey = (state: ReturnType<typeof setup>['state']) => state.listKeys({ kind: 'sub', name: '100245902' })[0]!.apiKey;

    it('deletes a sub-account key named by the master key', async () => {
      const { app, state } = setup();
      const apiKey = subKey(state);
      const response = await post(app, MASTER, '/v5/user/delete-sub-api', JSON.stringify({ apikey: apiKey }));
      expect(response.body).toMatchObject({ retCode: 0, result: {} });
      expect(state.findKey(apiKey)).toBeUndefined();
      expect(state.listAllKeys()).toHaveLength(11);
    });

    it('deletes nothing when the master key is read-only or lacks a Wallet permission', async () => {
      const seed = createBybitDemoSeed();
      seed.master.keys[0]!.readOnly = true;
      const { app, state } = setup({ seed });
      const apiKey = subKey(state);
      expect((await post(app, MASTER, '/v5/user/delete-sub-api', JSON.stringify({ apikey: apiKey }))).body.retCode).toBe(10005);
      expect(state.findKey(apiKey)).toBeDefined();
    });

    it('lets a sub-account key delete itself, but only without `apikey`', async () => {
      const { app, state } = setup();
      const withApikey = await post(app, BYBIT_DEMO_SUB_CONNECTION, '/v5/user/delete-sub-api', JSON.stringify({ apikey: subKey(state) }));
      expect(withApikey.body.retCode).toBe(10001);
      expect((await post(app, BYBIT_DEMO_SUB_CONNECTION, '/v5/user/delete-sub-api', '{}')).body.retCode).toBe(0);
      expect(state.findKey(BYBIT_DEMO_SUB_CONNECTION.apiKey)).toBeUndefined();
    });

    it('deletes the calling master key through delete-api, after which it is unknown', async () => {
      const { app, state } = setup();
      expect((await post(app, MASTER, '/v5/user/delete-api', '{}')).body.retCode).toBe(0);
      expect(state.findKey(MASTER.apiKey)).toBeUndefined();
      expect((await get(app, MASTER, '/v5/user/query-api')).body.retCode).toBe(10003);
    });

    it('refuses delete-api from a sub-account key and a body that is not a JSON object', async () => {
      const { app, state } = setup();
      expect((await post(app, BYBIT_DEMO_SUB_CONNECTION, '/v5/user/delete-api', '{}')).body.retCode).toBe(10005);
      expect((await post(app, MASTER, '/v5/user/delete-sub-api', '["x"]')).body.retCode).toBe(10001);
      expect(state.listAllKeys()).toHaveLength(12);
    });

    it('rejects a body that differs from the signed one', async () => {
      const { app, state } = setup();
      const apiKey = subKey(state);
      const response = await request(app).post('/v5/user/delete-sub-api')
        .set({ ...headers(MASTER, '{}'), 'Content-Type': 'application/json' }).send(JSON.stringify({ apikey: apiKey }));
      expect(response.body.retCode).toBe(10004);
      expect(state.findKey(apiKey)).toBeDefined();
    });
  });

  it('answers garbage while the fault is on', async () => {
    const { app, state } = setup();
    state.setFaults({ garbage: true });
    const response = await get(app, MASTER, '/v5/user/query-api');
    expect(response.text).toMatch(/^<html>/);
    state.clearFaults();
    expect((await get(app, MASTER, '/v5/user/query-api')).body.retCode).toBe(0);
  });

  it('lists every key with its account for the integrator\'s state view', () => {
    const { state } = setup();
    const keys = state.listAllKeys();
    expect(keys[0]).toEqual({ account: 'master', username: '', apiKey: MASTER.apiKey, label: 'keyaudit', stored: expect.objectContaining({ apiKey: MASTER.apiKey }) });
    // The stored key is shown for tests to check whitelists and permissions, never with its secret.
    expect(keys[0]!.stored).not.toHaveProperty('secret');
    expect(keys.filter((key) => key.account === '100245903').map((key) => key.label)).toEqual(['koinly-readonly', 'cointracking', 'portfolio-sheet']);
    expect(new Set(keys.map((key) => key.apiKey)).size).toBe(12);
  });
});
