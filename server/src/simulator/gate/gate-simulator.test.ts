// The simulator's own checks, with requests signed by hand here (node:crypto), not by gate-sign.ts.
import { createHash, createHmac } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createGateSimulator, type GateSimulatorOptions } from './gate-simulator.ts';
import { createGateDemoSeed, GATE_DEMO_CONNECTION, GATE_DEMO_REFERENCE_MS, GATE_DEMO_SUB_CONNECTION } from './gate-demo-seed.ts';

type Signer = { apiKey: string; secret: string };
const MASTER: Signer = GATE_DEMO_CONNECTION;

let clockMs: number;
beforeEach(() => {
  clockMs = GATE_DEMO_REFERENCE_MS;
});

function setup(options: GateSimulatorOptions = {}, mountPath = '/') {
  const simulator = createGateSimulator({ now: () => clockMs, ...options });
  const app = express();
  app.use(mountPath, simulator.router);
  return { ...simulator, app };
}

/** Headers for a request whose signed path and raw query are given, as Gate's docs describe them. */
function headers(signer: Signer, method: string, path: string, { query = '', body = '', timestamp = String(Math.floor(clockMs / 1000)) } = {}) {
  const bodyHash = createHash('sha512').update(body).digest('hex');
  const sign = createHmac('sha512', signer.secret).update(`${method}\n${path}\n${query}\n${bodyHash}\n${timestamp}`).digest('hex');
  return { KEY: signer.apiKey, Timestamp: timestamp, SIGN: sign };
}

const userIdOf = (loginName: string) => createGateDemoSeed().subAccounts.find((sub) => sub.loginName === loginName)!.userId;

describe(createGateSimulator.name, () => {
  it('serves its clock in milliseconds, skew included, on the public time endpoint', async () => {
    const { app, state } = setup();
    expect((await request(app).get('/api/v4/spot/time')).body).toEqual({ server_time: clockMs });
    state.setFaults({ clockSkewMs: 90_000 });
    expect((await request(app).get('/api/v4/spot/time')).body.server_time).toBe(clockMs + 90_000);
  });

  it('answers a correctly signed call with the calling key and rate-limit headers', async () => {
    const { app } = setup();
    const response = await request(app).get('/api/v4/account/detail').set(headers(MASTER, 'GET', '/api/v4/account/detail'));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ user_id: 16672015, ip_whitelist: ['127.0.0.1'], currency_pairs: [], key: { mode: 1 }, tier: 2, copy_trading_role: 0 });
    expect(response.headers).toMatchObject({
      'x-gate-ratelimit-requests-remain': '149',
      'x-gate-ratelimit-limit': '150',
      'x-gate-ratelimit-reset-timestamp': String(clockMs / 1000),
    });
  });

  it('works when mounted under a prefix: the signed path is the one Gate would see', async () => {
    const { app } = setup({}, '/gate');
    const response = await request(app).get('/gate/api/v4/account/detail').set(headers(MASTER, 'GET', '/api/v4/account/detail'));
    expect(response.status).toBe(200);
  });

  it('lists main-account keys masked, to a main-account key only', async () => {
    const { app } = setup();
    const response = await request(app).get('/api/v4/account/main_keys').set(headers(MASTER, 'GET', '/api/v4/account/main_keys'));
    expect(response.body.map((key: { key: string; name: string }) => [key.key, key.name])).toEqual([
      [`${MASTER.apiKey.slice(0, 12)}*****`, 'keyaudit'],
      [expect.stringMatching(/^[0-9a-f]{12}\*{5}$/), 'tax-report'],
      [expect.stringMatching(/^[0-9a-f]{12}\*{5}$/), 'legacy-withdraw-bot'],
    ]);
    expect(JSON.stringify(response.body)).not.toContain(MASTER.apiKey);
    const fromSub = await request(app).get('/api/v4/account/main_keys').set(headers(GATE_DEMO_SUB_CONNECTION, 'GET', '/api/v4/account/main_keys'));
    expect(fromSub.status).toBe(403);
    expect(fromSub.body.label).toBe('FORBIDDEN');
  });

  it("answers main_keys with the calling key's own record in the main-keys-object variant", async () => {
    const { app } = setup({ variant: 'main-keys-object' });
    const response = await request(app).get('/api/v4/account/main_keys').set(headers(MASTER, 'GET', '/api/v4/account/main_keys'));
    expect(response.body).toEqual({
      state: 1, mode: 1, name: ['keyaudit'], currency_pairs: [], user_id: 16672015, ip_whitelist: ['127.0.0.1'],
      perms: [{ name: 'account', read_only: false }, { name: 'spot', read_only: true }, { name: 'wallet', read_only: true }],
      key: { mode: 1 }, created_at: expect.stringMatching(/^\d+$/), updated_at: expect.stringMatching(/^\d+$/), last_access: expect.stringMatching(/^\d+$/),
    });
  });

  it('lists cross-margin sub-accounts only when asked with type=0', async () => {
    const { app } = setup();
    const names = async (query: string) => {
      const url = `/api/v4/sub_accounts${query ? `?${query}` : ''}`;
      const response = await request(app).get(url).set(headers(MASTER, 'GET', '/api/v4/sub_accounts', { query }));
      return response.body.map((sub: { login_name: string }) => sub.login_name);
    };
    expect(await names('')).toEqual(['mm_hummingbot', 'grid_bot_2', 'tax_export']);
    expect(await names('type=0')).toEqual(['mm_hummingbot', 'grid_bot_2', 'tax_export', 'cross_margin_desk']);
  });

  it('lists the keys of a sub-account by user id, with the full key', async () => {
    const { app, state } = setup();
    const path = `/api/v4/sub_accounts/${userIdOf('grid_bot_2')}/keys`;
    const response = await request(app).get(path).set(headers(MASTER, 'GET', path));
    expect(response.body.map((key: { key: string }) => key.key)).toEqual(state.listKeys({ kind: 'sub', name: 'grid_bot_2' }).map((key) => key.apiKey));
    expect(response.body[1]).toMatchObject({ name: 'grid-profit-sweep', perms: [{ name: 'wallet', read_only: false }, { name: 'spot', read_only: false }] });
    const unknown = await request(app).get('/api/v4/sub_accounts/1/keys').set(headers(MASTER, 'GET', '/api/v4/sub_accounts/1/keys'));
    expect([unknown.status, unknown.body.label]).toEqual([400, 'SUB_ACCOUNT_NOT_FOUND']);
  });

  it('deletes a sub-account key with 204 No Content', async () => {
    const { app, state } = setup();
    const apiKey = state.listKeys({ kind: 'sub', name: 'tax_export' })[0]!.apiKey;
    const path = `/api/v4/sub_accounts/${userIdOf('tax_export')}/keys/${apiKey}`;
    const response = await request(app).delete(path).set(headers(MASTER, 'DELETE', path));
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect(state.findKey(apiKey)).toBeUndefined();
    const again = await request(app).delete(path).set(headers(MASTER, 'DELETE', path));
    expect(again.body.label).toBe('INVALID_PARAM_VALUE');
  });

  it('refuses deletion to a key without read-write account permission', async () => {
    const seed = createGateDemoSeed();
    seed.master.keys[0]!.perms = [{ name: 'account', read_only: true }];
    const { app, state } = setup({ seed });
    const apiKey = state.listKeys({ kind: 'sub', name: 'tax_export' })[0]!.apiKey;
    const path = `/api/v4/sub_accounts/${userIdOf('tax_export')}/keys/${apiKey}`;
    const response = await request(app).delete(path).set(headers(MASTER, 'DELETE', path));
    expect([response.status, response.body.label]).toEqual([403, 'READ_ONLY']);
    expect(state.findKey(apiKey)).toBeDefined();
  });

  describe('verification', () => {
    it('rejects a bad signature', async () => {
      const { app } = setup();
      const response = await request(app).get('/api/v4/account/detail').set(headers({ ...MASTER, secret: 'wrong' }, 'GET', '/api/v4/account/detail'));
      expect([response.status, response.body.label]).toEqual([401, 'INVALID_SIGNATURE']);
    });

    it('checks the raw query: a signature over the encoded query fails', async () => {
      const { app } = setup();
      const url = '/api/v4/sub_accounts?type=0&note=a%2Cb';
      const raw = await request(app).get(url).set(headers(MASTER, 'GET', '/api/v4/sub_accounts', { query: 'type=0&note=a,b' }));
      const encoded = await request(app).get(url).set(headers(MASTER, 'GET', '/api/v4/sub_accounts', { query: 'type=0&note=a%2Cb' }));
      expect(raw.status).toBe(200);
      expect(encoded.body.label).toBe('INVALID_SIGNATURE');
    });

    it('checks the body hash', async () => {
      const { app } = setup();
      const response = await request(app)
        .get('/api/v4/account/detail')
        .set(headers(MASTER, 'GET', '/api/v4/account/detail', { body: '{"a":1}' }))
        .send('{"a":2}');
      expect(response.body.label).toBe('INVALID_SIGNATURE');
    });

    it('rejects a timestamp more than 60 s away, and accepts one with decimals inside the window', async () => {
      const { app } = setup();
      const stale = String(Math.floor(clockMs / 1000) - 61);
      const response = await request(app).get('/api/v4/account/detail').set(headers(MASTER, 'GET', '/api/v4/account/detail', { timestamp: stale }));
      expect([response.status, response.body.label]).toEqual([401, 'REQUEST_EXPIRED']);
      const decimal = String(clockMs / 1000 - 59.5);
      const accepted = await request(app).get('/api/v4/account/detail').set(headers(MASTER, 'GET', '/api/v4/account/detail', { timestamp: decimal }));
      expect(accepted.status).toBe(200);
    });

    it('rejects an unknown key and missing headers', async () => {
      const { app } = setup();
      const unknown = await request(app).get('/api/v4/account/detail').set(headers({ apiKey: 'f'.repeat(32), secret: 's' }, 'GET', '/api/v4/account/detail'));
      expect(unknown.body.label).toBe('INVALID_KEY');
      const { SIGN: _omitted, ...withoutSign } = headers(MASTER, 'GET', '/api/v4/account/detail');
      expect((await request(app).get('/api/v4/account/detail').set(withoutSign)).body.label).toBe('MISSING_REQUIRED_HEADER');
    });

    it("rejects a caller outside the key's IP whitelist", async () => {
      const seed = createGateDemoSeed();
      seed.master.keys[0]!.ipWhitelist = ['35.187.23.14'];
      const { app } = setup({ seed });
      const response = await request(app).get('/api/v4/account/detail').set(headers(MASTER, 'GET', '/api/v4/account/detail'));
      expect([response.status, response.body.label]).toEqual([401, 'IP_FORBIDDEN']);
    });
  });

  describe('faults and limits', () => {
    it('counts each endpoint separately and names the reset time once the limit is exceeded', async () => {
      const { app, state } = setup({ rateLimit: { windowMs: 10_000, subAccountLimit: 2, otherLimit: 2 } });
      const call = (path: string) => request(app).get(path).set(headers(MASTER, 'GET', path));
      expect((await call('/api/v4/account/detail')).status).toBe(200);
      clockMs += 1_000;
      expect((await call('/api/v4/account/detail')).headers['x-gate-ratelimit-requests-remain']).toBe('0');
      const refused = await call('/api/v4/account/detail');
      expect([refused.status, refused.body.label]).toEqual([429, 'TOO_MANY_REQUESTS']);
      expect(refused.headers['x-gate-ratelimit-reset-timestamp']).toBe(String((GATE_DEMO_REFERENCE_MS + 10_000) / 1000));
      expect((await call('/api/v4/account/main_keys')).status).toBe(200);
      clockMs = GATE_DEMO_REFERENCE_MS + 10_000;
      expect((await call('/api/v4/account/detail')).status).toBe(200);
      expect(state.stats).toEqual({ requests: 5, rateLimited: 1 });
    });

    it('refuses every private call when told to, and answers garbage when told to', async () => {
      const { app, state } = setup();
      state.setFaults({ rateLimitEveryRequest: true });
      expect((await request(app).get('/api/v4/account/detail').set(headers(MASTER, 'GET', '/api/v4/account/detail'))).status).toBe(429);
      state.setFaults({ garbage: true });
      const garbage = await request(app).get('/api/v4/account/detail').set(headers(MASTER, 'GET', '/api/v4/account/detail'));
      expect([garbage.status, garbage.type]).toEqual([200, 'text/html']);
      state.clearFaults();
      expect((await request(app).get('/api/v4/account/detail').set(headers(MASTER, 'GET', '/api/v4/account/detail'))).status).toBe(200);
    });

    it('fails the key endpoints of a chosen sub-account with 500 INTERNAL', async () => {
      const { app, state } = setup();
      state.setFaults({ failSubAccounts: ['tax_export'] });
      const path = `/api/v4/sub_accounts/${userIdOf('tax_export')}/keys`;
      const response = await request(app).get(path).set(headers(MASTER, 'GET', path));
      expect([response.status, response.body.label]).toEqual([500, 'INTERNAL']);
    });

    it('answers unknown Gate paths with NOT_FOUND', async () => {
      const { app } = setup();
      const response = await request(app).get('/api/v4/nothing/here');
      expect([response.status, response.body.label]).toEqual([404, 'NOT_FOUND']);
    });
  });

  it('lists every key with its account for the integrator and the e2e tests', () => {
    const { state } = setup();
    const all = state.listAllKeys();
    expect(all).toHaveLength(12);
    expect(all[0]).toEqual({ account: 'master', apiKey: MASTER.apiKey, label: 'keyaudit', stored: expect.objectContaining({ apiKey: MASTER.apiKey, perms: expect.any(Array) }) });
    expect(all[0]!.stored).not.toHaveProperty('secret');
    expect(all.filter((key) => key.account === 'cross_margin_desk').map((key) => key.label)).toEqual(['margin-engine', 'desk-payout', 'desk-monitor']);
  });
});
