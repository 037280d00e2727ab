// The simulator's own checks, with requests signed by hand here (node:crypto), not by okx-sign.ts.
import { createHmac } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createOkxSimulator, type OkxSimulatorOptions } from './okx-simulator.ts';
import { isAllowedIp } from './okx-simulator-auth.ts';
import { createOkxDemoSeed, OKX_DEMO_CONNECTION, OKX_DEMO_REFERENCE_MS, OKX_DEMO_SUB_CONNECTION } from './okx-demo-seed.ts';

type Signer = { apiKey: string; secret: string; passphrase: string };
const MASTER: Signer = OKX_DEMO_CONNECTION;

const b64 = (secret: string, message: string) => createHmac('sha256', secret).update(message).digest('base64');

let clockMs: number;
beforeEach(() => {
  clockMs = OKX_DEMO_REFERENCE_MS;
});

function setup(options: OkxSimulatorOptions = {}, mountPath = '/') {
  const simulator = createOkxSimulator({ now: () => clockMs, ...options });
  const app = express();
  app.use(mountPath, simulator.router);
  return { ...simulator, app };
}

/** Headers for `requestPath` (path and query as sent) and `body`, as OKX's docs describe them. */
function headers(signer: Signer, method: string, requestPath: string, body = '', overrides: Record<string, string> = {}) {
  const timestamp = overrides.timestamp ?? new Date(clockMs).toISOString();
  return {
    'OK-ACCESS-KEY': signer.apiKey,
    'OK-ACCESS-SIGN': b64(signer.secret, timestamp + method + requestPath + body),
    'OK-ACCESS-TIMESTAMP': timestamp,
    'OK-ACCESS-PASSPHRASE': signer.passphrase,
    ...(body ? { 'Content-Type': 'application/json' } : {}),
    ...overrides,
  };
}

const get = (app: express.Express, path: string, signer: Signer = MASTER) => request(app).get(path).set(headers(signer, 'GET', path));
function post(app: express.Express, path: string, json: unknown, signer: Signer = MASTER) {
  const body = JSON.stringify(json);
  return request(app).post(path).set(headers(signer, 'POST', path, body)).send(body);
}

describe(createOkxSimulator.name, () => {
  it('serves its clock, skew included, on the public time endpoint', async () => {
    const { app, state } = setup();
    expect((await request(app).get('/api/v5/public/time')).body).toEqual({ code: '0', msg: '', data: [{ ts: String(clockMs) }] });
    state.setFaults({ clockSkewMs: 60_000 });
    expect((await request(app).get('/api/v5/public/time')).body.data[0].ts).toBe(String(clockMs + 60_000));
  });

  it('answers a correctly signed call with the calling key, even when mounted under a prefix', async () => {
    const { app } = setup({}, '/okx');
    const response = await request(app).get('/okx/api/v5/account/config').set(headers(MASTER, 'GET', '/api/v5/account/config'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ code: '0', msg: '' });
    expect(response.body.data).toEqual([expect.objectContaining({ uid: '528193644018350080', mainUid: '528193644018350080', perm: 'read_only,trade', ip: '127.0.0.1', label: 'keyaudit' })]);
  });

  it('reports a sub-account key with its own uid and the master uid', async () => {
    const { app, state } = setup();
    const response = await get(app, '/api/v5/account/config', OKX_DEMO_SUB_CONNECTION);
    const sub = state.findSubAccount('treasuryops')!;
    expect(response.body.data[0]).toMatchObject({ uid: sub.uid, mainUid: '528193644018350080', type: '1' });
  });

  describe('rejects what OKX rejects', () => {
    const path = '/api/v5/account/config';
    const iso = (ms: number) => new Date(ms).toISOString();
    it.each([
      ['a missing key header', () => ({ 'OK-ACCESS-KEY': '' }), 401, '50103'],
      ['a missing passphrase header', () => ({ 'OK-ACCESS-PASSPHRASE': '' }), 401, '50104'],
      ['a missing sign header', () => ({ 'OK-ACCESS-SIGN': '' }), 401, '50106'],
      ['a timestamp in milliseconds instead of ISO 8601', () => ({ timestamp: String(clockMs) }), 401, '50112'],
      ['a timestamp with a local offset', () => ({ timestamp: '2026-11-01T01:00:00.000+01:00' }), 401, '50112'],
      ['a timestamp 30.001 s old', () => ({ timestamp: iso(clockMs - 30_001) }), 401, '50102'],
      ['a timestamp 30.001 s ahead', () => ({ timestamp: iso(clockMs + 30_001) }), 401, '50102'],
      ['an unknown key', () => ({ 'OK-ACCESS-KEY': '00000000-0000-4000-a000-000000000000' }), 401, '50111'],
      ['a wrong passphrase', () => ({ 'OK-ACCESS-PASSPHRASE': 'wrong' }), 401, '50105'],
      ['a signature by another secret', () => ({ 'OK-ACCESS-SIGN': b64('other', `${iso(clockMs)}GET${path}`) }), 401, '50113'],
      ['a signature over another method', () => ({ 'OK-ACCESS-SIGN': b64(MASTER.secret, `${iso(clockMs)}POST${path}`) }), 401, '50113'],
      ['a hex signature', () => ({ 'OK-ACCESS-SIGN': createHmac('sha256', MASTER.secret).update(`${iso(clockMs)}GET${path}`).digest('hex') }), 401, '50113'],
    ])('%s → HTTP %i, code %s', async (_name, override, status, code) => {
      const { app, state } = setup();
      const response = await request(app).get(path).set(headers(MASTER, 'GET', path, '', override()));
      expect(response.status).toBe(status);
      expect(response.body).toEqual({ code, msg: expect.any(String), data: [] });
      expect(state.stats.rateLimited).toBe(0);
    });

    it('accepts a timestamp 30 s off', async () => {
      const { app } = setup();
      const response = await request(app).get(path).set(headers(MASTER, 'GET', path, '', { timestamp: iso(clockMs - 30_000) }));
      expect(response.body.code).toBe('0');
    });

    it("rejects a caller outside the key's IP whitelist with 50110", async () => {
      const seed = createOkxDemoSeed();
      seed.master.keys[0]!.ip = '203.0.113.99,198.51.100.0/24';
      const { app } = setup({ seed });
      const response = await get(app, path);
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('50110');
    });

    it('rejects a query that differs from the signed one', async () => {
      const { app } = setup();
      const response = await request(app).get('/api/v5/users/subaccount/apikey?subAcct=gridbot02').set(headers(MASTER, 'GET', '/api/v5/users/subaccount/apikey?subAcct=taxreports'));
      expect(response.body.code).toBe('50113');
    });

    it('rejects a sub-account key on master-only endpoints with 59500', async () => {
      const { app } = setup();
      const response = await get(app, '/api/v5/users/subaccount/apikey?subAcct=gridbot02', OKX_DEMO_SUB_CONNECTION);
      expect(response.status).toBe(200);
      expect(response.body.code).toBe('59500');
    });
  });

  describe('sub-account listing', () => {
    it('pages newest first by creation time with after and limit', async () => {
      const { app, state } = setup();
      const first = await get(app, '/api/v5/users/subaccount/list?limit=2');
      const names = (body: { data: { subAcct: string }[] }) => body.data.map((item) => item.subAcct);
      expect(names(first.body)).toEqual(['treasuryops', 'arbdesk2024']);
      clockMs += 2_000;
      const second = await get(app, `/api/v5/users/subaccount/list?after=${first.body.data[1].ts}&limit=2`);
      expect(names(second.body)).toEqual(['gridbot02', 'taxreports']);
      expect(second.body.data[0]).toMatchObject({ enable: true, type: '1', uid: state.findSubAccount('gridbot02')!.uid, label: 'Second grid bot' });
    });

    it('refuses a limit above 100', async () => {
      const { app } = setup();
      expect((await get(app, '/api/v5/users/subaccount/list?limit=101')).body.code).toBe('51000');
    });

    it("lists a sub-account's keys and filters by apiKey", async () => {
      const { app, state } = setup();
      const all = await get(app, '/api/v5/users/subaccount/apikey?subAcct=gridbot02');
      expect(all.body.data.map((key: { label: string }) => key.label)).toEqual(['3commas-grid', 'pionex-sync', 'grid-monitor']);
      expect(all.body.data[1]).toEqual({ label: 'pionex-sync', apiKey: state.findSubAccount('gridbot02')!.keys[1]!.apiKey, perm: 'read_only,trade', ip: '13.228.54.7', ts: expect.stringMatching(/^\d+$/) });
      const apiKey = all.body.data[2].apiKey;
      const one = await get(app, `/api/v5/users/subaccount/apikey?subAcct=gridbot02&apiKey=${apiKey}`);
      expect(one.body.data).toHaveLength(1);
    });

    it.each([
      ['/api/v5/users/subaccount/apikey', '50014'],
      ['/api/v5/users/subaccount/apikey?subAcct=nosuchsub1', '59510'],
    ])('answers %s with %s', async (path, code) => {
      const { app } = setup();
      expect((await get(app, path)).body.code).toBe(code);
    });

    it('answers 50026 for a failing sub-account and serves the others', async () => {
      const { app, state } = setup();
      state.setFaults({ failSubAccounts: ['taxreports'] });
      const failing = await get(app, '/api/v5/users/subaccount/apikey?subAcct=taxreports');
      expect([failing.status, failing.body.code]).toEqual([500, '50026']);
      expect((await get(app, '/api/v5/users/subaccount/apikey?subAcct=gridbot02')).body.code).toBe('0');
    });
  });

  describe('delete-apikey', () => {
    const path = '/api/v5/users/subaccount/delete-apikey';

    it('deletes the key for real and answers with its sub-account', async () => {
      const { app, state } = setup();
      const apiKey = state.listKeys({ kind: 'sub', name: 'gridbot02' })[0]!.apiKey;
      const response = await post(app, path, { subAcct: 'gridbot02', apiKey });
      expect(response.body).toEqual({ code: '0', msg: '', data: [{ subAcct: 'gridbot02' }] });
      expect(state.findKey(apiKey)).toBeUndefined();
      clockMs += 1_000;
      expect((await post(app, path, { subAcct: 'gridbot02', apiKey })).body.code).toBe('59506');
    });

    it('refuses a master key bound to no IP with 50035 and deletes nothing', async () => {
      const seed = createOkxDemoSeed();
      seed.master.keys[0]!.ip = '';
      const { app, state } = setup({ seed });
      const apiKey = state.listKeys({ kind: 'sub', name: 'gridbot02' })[0]!.apiKey;
      const response = await post(app, path, { subAcct: 'gridbot02', apiKey });
      expect([response.status, response.body.code]).toEqual([403, '50035']);
      expect(state.findKey(apiKey)).toBeDefined();
    });

    it('refuses a master key without trade with 50120', async () => {
      const seed = createOkxDemoSeed();
      seed.master.keys[0]!.perm = 'read_only';
      const { app, state } = setup({ seed });
      const apiKey = state.listKeys({ kind: 'sub', name: 'gridbot02' })[0]!.apiKey;
      expect((await post(app, path, { subAcct: 'gridbot02', apiKey })).body.code).toBe('50120');
      expect(state.findKey(apiKey)).toBeDefined();
    });

    it.each([
      ['an empty body', '', 'application/json', '50000'],
      ['a body that is not JSON', '{subAcct:', 'application/json', '50002'],
      ['a form body', 'subAcct=gridbot02', 'application/x-www-form-urlencoded', '50006'],
    ])('answers %s with %s', async (_name, body, contentType, code) => {
      const { app } = setup();
      const response = await request(app).post(path).set({ ...headers(MASTER, 'POST', path, body), 'Content-Type': contentType }).send(body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe(code);
    });
  });

  describe('rate limits (per endpoint and User ID)', () => {
    it('allows 5 config reads per 2 s, answers the 6th with HTTP 429 / 50011, and frees slots as the window slides', async () => {
      const { app, state } = setup();
      for (let index = 0; index < 5; index += 1) expect((await get(app, '/api/v5/account/config')).body.code).toBe('0');
      const refused = await get(app, '/api/v5/account/config');
      expect([refused.status, refused.body.code]).toEqual([429, '50011']);
      expect(state.stats.rateLimited).toBe(1);
      expect((await get(app, '/api/v5/users/subaccount/apikey?subAcct=gridbot02')).body.code).toBe('0');
      expect((await get(app, '/api/v5/account/config', OKX_DEMO_SUB_CONNECTION)).body.code).toBe('0');
      clockMs += 2_000;
      expect((await get(app, '/api/v5/account/config')).body.code).toBe('0');
    });

    it('refuses every private call while rateLimitEveryRequest is on, but not the public time', async () => {
      const { app, state } = setup();
      state.setFaults({ rateLimitEveryRequest: true });
      expect((await get(app, '/api/v5/account/config')).status).toBe(429);
      expect((await request(app).get('/api/v5/public/time')).status).toBe(200);
      expect(state.stats).toEqual({ requests: 2, rateLimited: 1 });
    });
  });

  it('answers garbage when told to', async () => {
    const { app, state } = setup();
    state.setFaults({ garbage: true });
    const response = await request(app).get('/api/v5/public/time');
    expect(response.headers['content-type']).toMatch(/html/);
    state.clearFaults();
    expect((await request(app).get('/api/v5/public/time')).body.code).toBe('0');
  });

  it('lists every key it holds, master keys included', () => {
    const { state } = setup();
    const keys = state.listAllKeys();
    expect(keys).toHaveLength(13);
    expect(keys.filter((key) => key.account === 'master').map((key) => key.label)).toEqual(['keyaudit', 'ops-withdrawals']);
    expect(keys.find((key) => key.label === 'koinly-sync')).toEqual({ account: 'taxreports', apiKey: expect.any(String), label: 'koinly-sync', stored: expect.objectContaining({ ip: expect.any(String) }) });
    // Shown to tests without the key's secret and passphrase.
    expect(Object.keys(keys[0]!.stored)).not.toEqual(expect.arrayContaining(['secret']));
    expect(keys[0]!.stored).not.toHaveProperty('passphrase');
  });
});

describe(isAllowedIp.name, () => {
  it.each([
    ['', '8.8.8.8', true],
    ['127.0.0.1', '127.0.0.1', true],
    ['203.0.113.9,127.0.0.1', '127.0.0.1', true],
    ['203.0.113.9', '127.0.0.1', false],
    ['52.29.174.0/24', '52.29.174.200', true],
    ['52.29.174.0/24', '52.29.175.1', false],
    ['2406:da14:1e5:7d00::/56', '2406:da14:1e5:7dff::1', true],
    ['2406:da14:1e5:7d00::/56', '2406:da14:1e5:7e00::1', false],
    ['not-an-ip', '127.0.0.1', false],
  ])('%j allows %s: %s', (ipList, callerIp, expected) => {
    expect(isAllowedIp(ipList, callerIp)).toBe(expected);
  });
});
