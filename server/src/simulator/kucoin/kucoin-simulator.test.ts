// The simulator's own checks, with requests signed by hand here (node:crypto), not by kucoin-sign.ts.
import { createHmac } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createKucoinSimulator, type KucoinSimulatorOptions } from './kucoin-simulator.ts';
import {
  createKucoinDemoSeed,
  createLargeKucoinSeed,
  KUCOIN_DEMO_CONNECTION,
  KUCOIN_DEMO_KEY_PASSPHRASE,
  KUCOIN_DEMO_REFERENCE_MS,
  KUCOIN_DEMO_SUB_CONNECTION,
} from './kucoin-demo-seed.ts';
import type { KucoinSeed } from './kucoin-simulator-state.ts';

type Signer = { apiKey: string; secret: string; passphrase: string };
const MASTER: Signer = KUCOIN_DEMO_CONNECTION;

const b64 = (secret: string, message: string) => createHmac('sha256', secret).update(message).digest('base64');

let clockMs: number;
beforeEach(() => {
  clockMs = KUCOIN_DEMO_REFERENCE_MS;
});

function setup(options: KucoinSimulatorOptions = {}, mountPath = '/') {
  const simulator = createKucoinSimulator({ now: () => clockMs, ...options });
  const app = express();
  app.use(mountPath, simulator.router);
  return { ...simulator, app };
}

/** Headers for `signedPath` (the un-encoded path and query), as KuCoin's docs describe them. */
function headers(signer: Signer, method: string, signedPath: string, overrides: Record<string, string> = {}) {
  const timestamp = overrides.timestamp ?? String(clockMs);
  return {
    'KC-API-KEY': signer.apiKey,
    'KC-API-SIGN': b64(signer.secret, timestamp + method + signedPath),
    'KC-API-TIMESTAMP': timestamp,
    'KC-API-PASSPHRASE': b64(signer.secret, signer.passphrase),
    'KC-API-KEY-VERSION': '3',
    ...overrides,
  };
}

describe(createKucoinSimulator.name, () => {
  it('serves its clock, skew included, on the public time endpoint', async () => {
    const { app, state } = setup();
    expect((await request(app).get('/api/v1/timestamp')).body).toEqual({ code: '200000', data: clockMs });
    state.setFaults({ clockSkewMs: 60_000 });
    expect((await request(app).get('/api/v1/timestamp')).body.data).toBe(clockMs + 60_000);
  });

  it('answers a correctly signed call with the calling key and rate-limit headers', async () => {
    const { app } = setup();
    const response = await request(app).get('/api/v1/user/api-key').set(headers(MASTER, 'GET', '/api/v1/user/api-key'));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      code: '200000',
      data: expect.objectContaining({ apiKey: MASTER.apiKey, isMaster: true, apiVersion: 3, permission: 'General,Spot', uid: 165111215 }),
    });
    expect(response.body.data).not.toHaveProperty('subName');
    expect(response.headers).toMatchObject({ 'gw-ratelimit-limit': '2000', 'gw-ratelimit-remaining': '1980', 'gw-ratelimit-reset': '30000' });
  });

  it('works when mounted under a prefix: the signed path is the one KuCoin would see', async () => {
    const { app } = setup({}, '/sim/kucoin');
    const response = await request(app).get('/sim/kucoin/api/v1/user/api-key').set(headers(MASTER, 'GET', '/api/v1/user/api-key'));
    expect(response.body.code).toBe('200000');
  });

  it('reports a sub-account calling key with its subName', async () => {
    const { app } = setup();
    const response = await request(app).get('/api/v1/user/api-key').set(headers(KUCOIN_DEMO_SUB_CONNECTION, 'GET', '/api/v1/user/api-key'));
    expect(response.body.data).toMatchObject({ isMaster: false, subName: 'ops-treasury' });
  });

  describe('rejects what KuCoin rejects', () => {
    const path = '/api/v1/user/api-key';
    it.each([
      ['a missing header', () => ({ 'KC-API-SIGN': '' }), 400, '400001'],
      ['a timestamp 5000 ms old', () => ({ timestamp: String(clockMs - 5_000) }), 400, '400002'],
      ['a timestamp 5000 ms ahead', () => ({ timestamp: String(clockMs + 5_000) }), 400, '400002'],
      ['a timestamp in seconds', () => ({ timestamp: String(Math.floor(clockMs / 1000)) }), 400, '400002'],
      ['an unknown key', () => ({ 'KC-API-KEY': '000000000000000000000000' }), 401, '400003'],
      ['a wrong passphrase', () => ({ 'KC-API-PASSPHRASE': b64(MASTER.secret, 'wrong') }), 401, '400004'],
      ['a plaintext passphrase', () => ({ 'KC-API-PASSPHRASE': MASTER.passphrase }), 401, '400004'],
      ['a signature by another secret', () => ({ 'KC-API-SIGN': b64('other', `${clockMs}GET${path}`) }), 401, '400005'],
      ['a signature over another method', () => ({ 'KC-API-SIGN': b64(MASTER.secret, `${clockMs}POST${path}`) }), 401, '400005'],
      ['a hex signature', () => ({ 'KC-API-SIGN': createHmac('sha256', MASTER.secret).update(`${clockMs}GET${path}`).digest('hex') }), 401, '400005'],
      ['key version 1', () => ({ 'KC-API-KEY-VERSION': '1' }), 400, '400009'],
    ])('%s → HTTP %i, code %s', async (_name, override, status, code) => {
      const { app } = setup();
      const response = await request(app).get(path).set(headers(MASTER, 'GET', path, override()));
      expect(response.status).toBe(status);
      expect(response.body).toEqual({ code, msg: expect.any(String) });
      expect(response.headers).not.toHaveProperty('gw-ratelimit-remaining');
    });

    it('accepts a timestamp 4999 ms off', async () => {
      const { app } = setup();
      const response = await request(app).get(path).set(headers(MASTER, 'GET', path, { timestamp: String(clockMs - 4_999) }));
      expect(response.body.code).toBe('200000');
    });

    it('rejects a caller outside the key whitelist with 400006 and HTTP 403', async () => {
      const seed = createKucoinDemoSeed();
      seed.master.keys[0]!.ipWhitelist = '203.0.113.99';
      const { app } = setup({ seed });
      const response = await request(app).get(path).set(headers(MASTER, 'GET', path));
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('400006');
    });

    it('rejects a sub-account key on master-only endpoints with 400007', async () => {
      const { app } = setup();
      const response = await request(app).get('/api/v1/sub/api-key?subName=tax-export').set(headers(KUCOIN_DEMO_SUB_CONNECTION, 'GET', '/api/v1/sub/api-key?subName=tax-export'));
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('400007');
    });
  });

  describe('query signing', () => {
    const url = '/api/v1/sub/api-key?subName=grid%20bot%202';
    it('verifies the signature over the decoded query', async () => {
      const { app } = setup();
      const response = await request(app).get(url).set(headers(MASTER, 'GET', '/api/v1/sub/api-key?subName=grid bot 2'));
      expect(response.body.code).toBe('200000');
      expect(response.body.data.map((key: { remark: string }) => key.remark)).toEqual(['3commas', 'pionex-grid', 'grid-profit-sweep']);
    });

    it('rejects a signature over the encoded query with 400005', async () => {
      const { app } = setup();
      const response = await request(app).get(url).set(headers(MASTER, 'GET', url));
      expect(response.body.code).toBe('400005');
    });

    it('does not read "+" as a space', async () => {
      const { app } = setup();
      const response = await request(app).get('/api/v1/sub/api-key?subName=grid+bot+2').set(headers(MASTER, 'GET', '/api/v1/sub/api-key?subName=grid+bot+2'));
      expect(response.body.code).toBe('400100');
    });

    it('answers a malformed escape with an envelope instead of crashing', async () => {
      const { app } = setup();
      const response = await request(app).get('/api/v1/sub/api-key?subName=%E0%A4%A').set(headers(MASTER, 'GET', '/api/v1/sub/api-key?subName=%E0%A4%A'));
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('400005');
    });
  });

  describe('rate limits (Management pool per UID)', () => {
    const path = '/api/v1/user/api-key';
    it('counts weights down, refuses with 429000 when exhausted and refills after the window', async () => {
      const { app, state } = setup({ rateLimit: { quota: 50, windowMs: 30_000 } });
      const first = await request(app).get(path).set(headers(MASTER, 'GET', path));
      clockMs += 10_000;
      const second = await request(app).get(path).set(headers(MASTER, 'GET', path));
      const third = await request(app).get(path).set(headers(MASTER, 'GET', path));
      expect([first.headers['gw-ratelimit-remaining'], second.headers['gw-ratelimit-remaining']]).toEqual(['30', '10']);
      expect(second.headers['gw-ratelimit-reset']).toBe('20000');
      expect(third.status).toBe(429);
      expect(third.body).toEqual({ code: '429000', msg: expect.any(String) });
      expect(third.headers).toMatchObject({ 'gw-ratelimit-limit': '50', 'gw-ratelimit-remaining': '10', 'gw-ratelimit-reset': '20000' });
      expect(state.stats.rateLimited).toBe(1);

      clockMs += 20_000;
      const afterReset = await request(app).get(path).set(headers(MASTER, 'GET', path));
      expect(afterReset.body.code).toBe('200000');
      expect(afterReset.headers['gw-ratelimit-remaining']).toBe('30');
    });

    it('keeps separate pools for the master and a sub-account', async () => {
      const { app } = setup({ rateLimit: { quota: 20, windowMs: 30_000 } });
      await request(app).get(path).set(headers(MASTER, 'GET', path));
      const sub = await request(app).get(path).set(headers(KUCOIN_DEMO_SUB_CONNECTION, 'GET', path));
      expect(sub.body.code).toBe('200000');
    });

    it('refuses everything while rateLimitEveryRequest is on', async () => {
      const { app, state } = setup();
      state.setFaults({ rateLimitEveryRequest: true });
      const response = await request(app).get(path).set(headers(MASTER, 'GET', path));
      expect(response.status).toBe(429);
      expect(state.stats.rateLimited).toBe(1);
    });
  });

  describe('GET /api/v2/sub/user', () => {
    const page = (query: string) => `/api/v2/sub/user?${query}`;
    it('pages through every sub-account', async () => {
      const { app } = setup({ seed: createLargeKucoinSeed({ subAccounts: 205, keysPerSub: 1 }) });
      const first = await request(app).get(page('currentPage=1&pageSize=100')).set(headers(MASTER, 'GET', page('currentPage=1&pageSize=100')));
      const last = await request(app).get(page('currentPage=3&pageSize=100')).set(headers(MASTER, 'GET', page('currentPage=3&pageSize=100')));
      expect(first.body.data).toMatchObject({ currentPage: 1, pageSize: 100, totalNum: 205, totalPage: 3 });
      expect(first.body.data.items).toHaveLength(100);
      expect(first.body.data.items[0]).toMatchObject({ subName: 'sub-0001', status: 2, type: 0 });
      expect(last.body.data.items.map((item: { subName: string }) => item.subName)).toEqual(['sub-0201', 'sub-0202', 'sub-0203', 'sub-0204', 'sub-0205']);
    });

    it('defaults to 10 per page and caps pageSize at 100', async () => {
      const { app } = setup({ seed: createLargeKucoinSeed({ subAccounts: 150, keysPerSub: 0 }) });
      const byDefault = await request(app).get('/api/v2/sub/user').set(headers(MASTER, 'GET', '/api/v2/sub/user'));
      const capped = await request(app).get(page('pageSize=500')).set(headers(MASTER, 'GET', page('pageSize=500')));
      expect(byDefault.body.data).toMatchObject({ pageSize: 10, totalPage: 15 });
      expect(byDefault.body.data.items).toHaveLength(10);
      expect(capped.body.data).toMatchObject({ pageSize: 100, totalPage: 2 });
    });

    it('rejects a non-numeric page with 400100', async () => {
      const { app } = setup();
      const response = await request(app).get(page('currentPage=two')).set(headers(MASTER, 'GET', page('currentPage=two')));
      expect(response.body.code).toBe('400100');
    });
  });

  describe('DELETE /api/v1/sub/api-key', () => {
    function seedWithPassphrase(passphrase: string): { seed: KucoinSeed; apiKey: string } {
      const seed = createKucoinDemoSeed();
      const key = seed.subAccounts.find((sub) => sub.subName === 'grid bot 2')!.keys[0]!;
      key.passphrase = passphrase;
      return { seed, apiKey: key.apiKey };
    }
    const deleteUrls = (apiKey: string, passphrase: string) => ({
      sent: `/api/v1/sub/api-key?apiKey=${apiKey}&subName=grid%20bot%202&passphrase=${encodeURIComponent(passphrase).replace(/!/g, '%21')}`,
      signed: `/api/v1/sub/api-key?apiKey=${apiKey}&subName=grid bot 2&passphrase=${passphrase}`,
    });

    it('deletes the key when given its own passphrase, even one with !@#', async () => {
      const { seed, apiKey } = seedWithPassphrase('abc!@#11');
      const { app, state } = setup({ seed });
      const { sent, signed } = deleteUrls(apiKey, 'abc!@#11');
      const response = await request(app).delete(sent).set(headers(MASTER, 'DELETE', signed));
      expect(response.body).toEqual({ code: '200000', data: { subName: 'grid bot 2', apiKey } });
      expect(state.findKey(apiKey)).toBeUndefined();
      expect(state.listKeys({ kind: 'sub', name: 'grid bot 2' })).toHaveLength(2);
    });

    it('deletes nothing when the passphrase of that key is wrong', async () => {
      const { seed, apiKey } = seedWithPassphrase(KUCOIN_DEMO_KEY_PASSPHRASE);
      const { app, state } = setup({ seed });
      const { sent, signed } = deleteUrls(apiKey, 'not-the-pass');
      const response = await request(app).delete(sent).set(headers(MASTER, 'DELETE', signed));
      expect(response.body.code).toBe('400100');
      expect(state.findKey(apiKey)).toBeDefined();
    });

    it('refuses a sub-account key as caller and deletes nothing', async () => {
      const { seed, apiKey } = seedWithPassphrase(KUCOIN_DEMO_KEY_PASSPHRASE);
      const { app, state } = setup({ seed });
      const { sent, signed } = deleteUrls(apiKey, KUCOIN_DEMO_KEY_PASSPHRASE);
      const response = await request(app).delete(sent).set(headers(KUCOIN_DEMO_SUB_CONNECTION, 'DELETE', signed));
      expect(response.body.code).toBe('400007');
      expect(state.findKey(apiKey)).toBeDefined();
    });

    it('rejects parameters sent in the body instead of the query (a known client bug)', async () => {
      const { seed, apiKey } = seedWithPassphrase(KUCOIN_DEMO_KEY_PASSPHRASE);
      const { app, state } = setup({ seed });
      const body = JSON.stringify({ apiKey, subName: 'grid bot 2', passphrase: KUCOIN_DEMO_KEY_PASSPHRASE });
      const response = await request(app).delete('/api/v1/sub/api-key').set(headers(MASTER, 'DELETE', '/api/v1/sub/api-key'))
        .set('Content-Type', 'application/json').send(body);
      expect(response.body.code).toBe('400005');
      expect(state.findKey(apiKey)).toBeDefined();
    });
  });

  describe('faults', () => {
    it('fails the chosen sub-accounts with 500000 and serves the others', async () => {
      const { app, state } = setup();
      state.setFaults({ failSubAccounts: ['tax-export'] });
      const failed = await request(app).get('/api/v1/sub/api-key?subName=tax-export').set(headers(MASTER, 'GET', '/api/v1/sub/api-key?subName=tax-export'));
      const served = await request(app).get('/api/v1/sub/api-key?subName=earn-vault').set(headers(MASTER, 'GET', '/api/v1/sub/api-key?subName=earn-vault'));
      expect(failed.status).toBe(500);
      expect(failed.body.code).toBe('500000');
      expect(served.body.data).toHaveLength(2);
    });

    it('answers with a non-JSON body while garbage is on', async () => {
      const { app, state } = setup();
      state.setFaults({ garbage: true });
      const response = await request(app).get('/api/v1/timestamp');
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(() => JSON.parse(response.text)).toThrow();
      state.clearFaults();
      expect((await request(app).get('/api/v1/timestamp')).body.code).toBe('200000');
    });
  });

  it('answers unknown API paths with 404000 and oversized bodies with an envelope', async () => {
    const { app } = setup();
    const unknown = await request(app).get('/api/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('404000');
    const huge = await request(app).post('/api/v1/sub/api-key').set('Content-Type', 'application/json').send(`{"x":"${'a'.repeat(100_000)}"}`);
    expect(huge.status).toBe(400);
    expect(huge.body.code).toBe('400100');
  });

  it('lists sub-account keys in the Spec shape, filtered by apiKey when asked', async () => {
    const { app } = setup();
    const all = await request(app).get('/api/v1/sub/api-key?subName=tax-export').set(headers(MASTER, 'GET', '/api/v1/sub/api-key?subName=tax-export'));
    const apiKey = all.body.data[1].apiKey as string;
    const filtered = await request(app).get(`/api/v1/sub/api-key?subName=tax-export&apiKey=${apiKey}`)
      .set(headers(MASTER, 'GET', `/api/v1/sub/api-key?subName=tax-export&apiKey=${apiKey}`));
    expect(Object.keys(all.body.data[0])).toEqual(['subName', 'remark', 'apiKey', 'apiVersion', 'permission', 'ipWhitelist', 'createdAt', 'uid', 'isMaster']);
    expect(filtered.body.data).toEqual([all.body.data[1]]);
  });
});

describe(createKucoinDemoSeed.name, () => {
  const seed = createKucoinDemoSeed();
  const keys = seed.subAccounts.flatMap((sub) => sub.keys);
  const words = new Set(keys.flatMap((key) => key.permission.split(',').map((word) => word.trim())));

  it('has at least 6 sub-accounts (one name with a space) and 20 keys with unique apiKeys', () => {
    expect(seed.subAccounts.length).toBeGreaterThanOrEqual(6);
    expect(seed.subAccounts.some((sub) => sub.subName.includes(' '))).toBe(true);
    expect(keys.length).toBeGreaterThanOrEqual(20);
    expect(new Set(keys.map((key) => key.apiKey)).size).toBe(keys.length);
    expect(keys.every((key) => /^[0-9a-f]{24}$/.test(key.apiKey))).toBe(true);
  });

  it('covers every permission word and several dangerous keys', () => {
    for (const word of ['General', 'Spot', 'Margin', 'Futures', 'Earn', 'InnerTransfer', 'Transfer', 'LeadtradeFutures']) {
      expect(words, word).toContain(word);
    }
    const dangerous = keys.filter((key) => /Transfer/.test(key.permission) && key.ipWhitelist === '');
    expect(dangerous.length).toBeGreaterThanOrEqual(3);
  });

  it('gives every sub-account key the demo passphrase and spreads createdAt over two years', () => {
    expect(keys.every((key) => key.passphrase === KUCOIN_DEMO_KEY_PASSPHRASE)).toBe(true);
    const agesDays = keys.map((key) => (KUCOIN_DEMO_REFERENCE_MS - key.createdAtMs) / 86_400_000);
    expect(Math.min(...agesDays)).toBeLessThan(30);
    expect(Math.max(...agesDays)).toBeGreaterThan(600);
    expect(Math.max(...agesDays)).toBeLessThanOrEqual(731);
  });
});
