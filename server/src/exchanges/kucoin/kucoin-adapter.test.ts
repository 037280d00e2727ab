// The adapter against the simulator over real HTTP on 127.0.0.1: signing, paging, normalizing, revoking,
// clock skew, rate limits and failures end to end. Sleeps advance a fake clock shared by both sides.
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exchangeKeySchema } from '@contract/audited-key.ts';
import { createKucoinAdapter, type KucoinAdapterDeps } from './kucoin-adapter.ts';
import { createKucoinSimulator, type KucoinSimulatorOptions } from '../../simulator/kucoin/kucoin-simulator.ts';
import {
  createKucoinDemoSeed,
  createLargeKucoinSeed,
  KUCOIN_DEMO_CONNECTION,
  KUCOIN_DEMO_KEY_PASSPHRASE,
  KUCOIN_DEMO_REFERENCE_MS,
  KUCOIN_DEMO_SUB_CONNECTION,
} from '../../simulator/kucoin/kucoin-demo-seed.ts';
import { createLoopbackServers } from '../../../test/test-support/loopback-server.ts';
import { rejection } from '../../../test/test-support/exchange-error-catchers.ts';
import { fetchTransport, type HttpRequest } from '../http-transport.ts';
import { redact } from '../../secrets/redacted.ts';
import type { Credentials } from '../exchange-adapter.ts';
import { planFor } from '../../../test/test-support/restriction-plans.ts';

const MASTER: Credentials = {
  apiKey: KUCOIN_DEMO_CONNECTION.apiKey,
  secret: redact(KUCOIN_DEMO_CONNECTION.secret),
  passphrase: redact(KUCOIN_DEMO_CONNECTION.passphrase),
};
const SUB: Credentials = {
  apiKey: KUCOIN_DEMO_SUB_CONNECTION.apiKey,
  secret: redact(KUCOIN_DEMO_SUB_CONNECTION.secret),
  passphrase: redact(KUCOIN_DEMO_SUB_CONNECTION.passphrase),
};

let clockMs: number;
const loopback = createLoopbackServers();
beforeEach(() => {
  clockMs = KUCOIN_DEMO_REFERENCE_MS;
});
afterEach(() => loopback.closeAll());

async function setup(options: KucoinSimulatorOptions = {}, deps: Partial<KucoinAdapterDeps> = {}) {
  const simulator = createKucoinSimulator({ now: () => clockMs, ...options });
  const app = express();
  app.use(simulator.router);
  const baseUrl = await loopback.listen(app);
  const sleeps: number[] = [];
  const requests: HttpRequest[] = [];
  const adapter = createKucoinAdapter({
    transport: (request) => {
      requests.push(request);
      return fetchTransport(request);
    },
    baseUrl,
    now: () => clockMs,
    sleep: async (ms) => {
      sleeps.push(ms);
      clockMs += ms;
    },
    ...deps,
  });
  return { ...simulator, adapter, sleeps, requests, baseUrl };
}

const GRID_BOT = { kind: 'sub', name: 'grid bot 2' } as const;

describe(createKucoinAdapter.name, () => {
  it('reads the calling master key, masked', async () => {
    const { adapter } = await setup();
    const key = await adapter.fetchCallingKey(MASTER);
    expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(key).toMatchObject({
      account: { kind: 'master', name: 'master' },
      apiKey: `${MASTER.apiKey.slice(0, 4)}…${MASTER.apiKey.slice(-4)}`,
      permissions: ['General', 'Spot'],
      ipWhitelist: ['127.0.0.1'],
      isCallingKey: true,
      revocability: { canRevoke: false, how: 'website-only' },
    });
    expect(JSON.stringify(key)).not.toContain(MASTER.apiKey);
  });

  it('lists every sub-account of the demo', async () => {
    const { adapter } = await setup();
    const accounts = await adapter.fetchSubAccounts(MASTER);
    expect(accounts.map((account) => account.name)).toEqual(createKucoinDemoSeed().subAccounts.map((sub) => sub.subName));
    expect(accounts.every((account) => account.kind === 'sub')).toBe(true);
  });

  it('follows every page of sub-accounts', async () => {
    const { adapter, requests } = await setup({ seed: createLargeKucoinSeed({ subAccounts: 250, keysPerSub: 0 }) });
    const accounts = await adapter.fetchSubAccounts(MASTER);
    expect(accounts).toHaveLength(250);
    expect(new Set(accounts.map((account) => account.name)).size).toBe(250);
    expect(requests.filter((request) => request.url.includes('/api/v2/sub/user')).map((request) => new URL(request.url).search)).toEqual([
      '?currentPage=1&pageSize=100',
      '?currentPage=2&pageSize=100',
      '?currentPage=3&pageSize=100',
    ]);
  });

  it('uses a smaller page size when told to', async () => {
    const { adapter, requests } = await setup({}, { subAccountPageSize: 3 });
    expect(await adapter.fetchSubAccounts(MASTER)).toHaveLength(8);
    expect(requests.filter((request) => request.url.includes('/api/v2/sub/user'))).toHaveLength(3);
  });

  it('lists and normalizes the keys of a sub-account whose name has a space', async () => {
    const { adapter, state } = await setup();
    const keys = await adapter.fetchSubAccountKeys(MASTER, GRID_BOT);
    expect(keys.map((key) => key.apiKey)).toEqual(state.listKeys(GRID_BOT).map((key) => key.apiKey));
    for (const key of keys) expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(keys.find((key) => key.label === 'grid-profit-sweep')).toMatchObject({
      account: GRID_BOT,
      permissions: ['General', 'Spot', 'Transfer'],
      capabilities: expect.arrayContaining([{ capability: 'withdraw', from: 'Transfer', isUncertain: true }]),
      ipWhitelist: null,
      isCallingKey: false,
      revocability: { canRevoke: true, how: 'api-needs-key-passphrase' },
    });
    expect(keys.find((key) => key.label === 'pionex-grid')?.ipWhitelist).toEqual(['192.168.1.44']);
  });

  it('sends the key version the calling key reports', async () => {
    const seed = createKucoinDemoSeed();
    seed.master.keys[0]!.apiVersion = 2;
    const { adapter, requests } = await setup({ seed });
    await adapter.fetchSubAccounts(MASTER);
    const versions = requests.filter((request) => request.headers['KC-API-KEY']).map((request) => request.headers['KC-API-KEY-VERSION']);
    expect(versions).toEqual(['3', '2']);
  });

  describe('with a sub-account key as connection', () => {
    it('reads the calling key as a sub-account key that cannot be revoked from here', async () => {
      const { adapter } = await setup();
      expect(await adapter.fetchCallingKey(SUB)).toMatchObject({
        account: { kind: 'sub', name: 'ops-treasury' },
        isCallingKey: true,
        revocability: { canRevoke: false, how: 'website-only' },
      });
    });

    it('finds no sub-accounts, without asking for them', async () => {
      const { adapter, requests } = await setup();
      expect(await adapter.fetchSubAccounts(SUB)).toEqual([]);
      expect(requests.some((request) => request.url.includes('/api/v2/sub/user'))).toBe(false);
    });

    it('reports 400007 when it lists another sub-account anyway', async () => {
      const { adapter } = await setup();
      expect(await rejection(adapter.fetchSubAccountKeys(SUB, GRID_BOT))).toMatchObject({ kind: 'permission-denied', exchangeCode: '400007' });
    });

    it('refuses to revoke', async () => {
      const { adapter, state } = await setup();
      const apiKey = state.listKeys(GRID_BOT)[0]!.apiKey;
      const error = await rejection(adapter.revokeKey(SUB, { account: GRID_BOT, apiKey }, redact(KUCOIN_DEMO_KEY_PASSPHRASE)));
      expect(error.kind).toBe('permission-denied');
      expect(state.findKey(apiKey)).toBeDefined();
    });
  });

  describe('revokeKey', () => {
    it('deletes a sub-account key given its own passphrase', async () => {
      const { adapter, state, requests } = await setup();
      const apiKey = state.listKeys(GRID_BOT)[2]!.apiKey;
      await adapter.revokeKey(MASTER, { account: GRID_BOT, apiKey }, redact(KUCOIN_DEMO_KEY_PASSPHRASE));
      expect(state.findKey(apiKey)).toBeUndefined();
      const deletion = requests.find((request) => request.method === 'DELETE');
      expect(deletion?.url).toMatch(/\/api\/v1\/sub\/api-key\?apiKey=[0-9a-f]{24}&subName=grid%20bot%202&passphrase=demo-key-pass$/);
      expect(deletion?.body).toBeUndefined();
    });

    it('deletes a key whose passphrase has characters that need encoding', async () => {
      const seed = createKucoinDemoSeed();
      const key = seed.subAccounts.find((sub) => sub.subName === 'grid bot 2')!.keys[0]!;
      key.passphrase = 'abc!@#&= %+11';
      const { adapter, state } = await setup({ seed });
      await adapter.revokeKey(MASTER, { account: GRID_BOT, apiKey: key.apiKey }, redact('abc!@#&= %+11'));
      expect(state.findKey(key.apiKey)).toBeUndefined();
    });

    // KuCoin documents no code for a wrong key passphrase: a parameter error or a passphrase error are both plausible.
    it.each(['400100', '400004'] as const)('reports a wrong key passphrase answered with %s in plain words and deletes nothing', async (code) => {
      const { adapter, state } = await setup({ variant: { wrongKeyPassphraseCode: code } });
      const apiKey = state.listKeys(GRID_BOT)[0]!.apiKey;
      const error = await rejection(adapter.revokeKey(MASTER, { account: GRID_BOT, apiKey }, redact('KA_CANARY_WRONG_PASS')));
      expect(error).toMatchObject({ kind: 'key-passphrase-wrong', exchangeCode: code, message: 'The passphrase of that key is wrong; nothing was deleted.' });
      expect(JSON.stringify(error.toFailure())).not.toContain('KA_CANARY');
      expect(state.findKey(apiKey)).toBeDefined();
    });

    it("still reports the connection's own passphrase as wrong when the listing before the delete fails", async () => {
      const { adapter, state } = await setup();
      const apiKey = state.listKeys(GRID_BOT)[0]!.apiKey;
      const error = await rejection(adapter.revokeKey({ ...MASTER, passphrase: redact('KA_CANARY_CONN_PASS') }, { account: GRID_BOT, apiKey }, redact(KUCOIN_DEMO_KEY_PASSPHRASE)));
      expect(error.kind).toBe('bad-passphrase');
      expect(state.findKey(apiKey)).toBeDefined();
    });

    it('reports a key that is already gone as not-found', async () => {
      const { adapter, state } = await setup();
      const apiKey = state.listKeys(GRID_BOT)[0]!.apiKey;
      state.deleteKey(GRID_BOT, apiKey);
      expect((await rejection(adapter.revokeKey(MASTER, { account: GRID_BOT, apiKey }, redact(KUCOIN_DEMO_KEY_PASSPHRASE)))).kind).toBe('not-found');
    });

    it('refuses master-account keys and a missing passphrase without calling KuCoin', async () => {
      const { adapter, requests } = await setup();
      const master = await rejection(adapter.revokeKey(MASTER, { account: { kind: 'master', name: 'master' }, apiKey: 'x' }, redact('p')));
      const noPassphrase = await rejection(adapter.revokeKey(MASTER, { account: GRID_BOT, apiKey: 'x' }, undefined));
      expect(master).toMatchObject({ kind: 'invalid-request', message: expect.stringContaining('master-account keys') });
      expect(noPassphrase.kind).toBe('invalid-request');
      expect(requests).toEqual([]);
    });
  });

  describe('restrictKey', () => {
    const MARKET_MAKER = { kind: 'sub', name: 'market-maker' } as const;
    const KEY_PASSPHRASE = redact(KUCOIN_DEMO_KEY_PASSPHRASE);
    const listed = async (adapter: Awaited<ReturnType<typeof setup>>['adapter'], account: typeof GRID_BOT | typeof MARKET_MAKER, remark: string) =>
      (await adapter.fetchSubAccountKeys(MASTER, account)).find((key) => key.label === remark)!;

    it("sends both lists whole with the key's own passphrase: dropping a permission keeps the whitelist", async () => {
      const { adapter, state, requests } = await setup();
      const key = await listed(adapter, MARKET_MAKER, 'mm-futures-hedge');
      await adapter.restrictKey!(MASTER, { account: MARKET_MAKER, apiKey: key.apiKey }, planFor('kucoin', key, { drop: ['trade'] }), KEY_PASSPHRASE);
      const update = requests.find((request) => request.method === 'POST')!;
      expect(JSON.parse(update.body!)).toEqual({
        subName: 'market-maker', apiKey: key.apiKey, passphrase: KUCOIN_DEMO_KEY_PASSPHRASE, permission: 'General', ipWhitelist: '18.179.42.10,18.179.42.11',
      });
      expect(state.findKey(key.apiKey)!.key).toMatchObject({ permission: 'General', ipWhitelist: '18.179.42.10,18.179.42.11' });
    });

    it('binds IPs keeping every permission, and drops withdrawal words', async () => {
      const { adapter, state } = await setup();
      const key = await listed(adapter, GRID_BOT, 'grid-profit-sweep');
      await adapter.restrictKey!(MASTER, { account: GRID_BOT, apiKey: key.apiKey }, planFor('kucoin', key, { ips: ['198.51.100.4'] }), KEY_PASSPHRASE);
      expect(state.findKey(key.apiKey)!.key).toMatchObject({ permission: 'General,Spot,Transfer', ipWhitelist: '198.51.100.4' });
      const bound = await listed(adapter, GRID_BOT, 'grid-profit-sweep');
      await adapter.restrictKey!(MASTER, { account: GRID_BOT, apiKey: key.apiKey }, planFor('kucoin', bound, { drop: ['withdraw'] }), KEY_PASSPHRASE);
      expect(state.findKey(key.apiKey)!.key).toMatchObject({ permission: 'General,Spot', ipWhitelist: '198.51.100.4' });
    });

    it('reports a wrong key passphrase as key-passphrase-wrong and changes nothing', async () => {
      const { adapter, state } = await setup();
      const key = await listed(adapter, GRID_BOT, '3commas');
      const plan = planFor('kucoin', key, { ips: ['198.51.100.4'] });
      const error = await rejection(adapter.restrictKey!(MASTER, { account: GRID_BOT, apiKey: key.apiKey }, plan, redact('wrong-pass')));
      expect(error.kind).toBe('key-passphrase-wrong');
      expect(state.findKey(key.apiKey)!.key.ipWhitelist).toBe('');
    });

    it('refuses without a key passphrase, and master keys, without calling KuCoin', async () => {
      const { adapter, requests } = await setup();
      const key = await listed(adapter, GRID_BOT, '3commas');
      const plan = planFor('kucoin', key, { ips: ['198.51.100.4'] });
      requests.length = 0;
      expect((await rejection(adapter.restrictKey!(MASTER, { account: GRID_BOT, apiKey: key.apiKey }, plan, undefined))).kind).toBe('invalid-request');
      expect((await rejection(adapter.restrictKey!(MASTER, { account: { kind: 'master', name: 'master' }, apiKey: 'x' }, plan, KEY_PASSPHRASE))).kind).toBe('invalid-request');
      expect(requests).toEqual([]);
    });
  });

  describe('clock skew', () => {
    it('signs with the offset learned from the server time', async () => {
      const { adapter, state } = await setup();
      state.setFaults({ clockSkewMs: 120_000 });
      expect((await adapter.fetchCallingKey(MASTER)).account.kind).toBe('master');
    });

    it('reads the server time once for concurrent first calls', async () => {
      const { adapter, requests } = await setup();
      await Promise.all([adapter.fetchSubAccountKeys(MASTER, GRID_BOT), adapter.fetchSubAccountKeys(MASTER, { kind: 'sub', name: 'arb-desk' })]);
      expect(requests.filter((request) => request.url.endsWith('/api/v1/timestamp'))).toHaveLength(1);
    });

    it('re-syncs and retries once when the clock drifts later', async () => {
      const { adapter, state, requests } = await setup();
      await adapter.fetchCallingKey(MASTER);
      state.setFaults({ clockSkewMs: -60_000 });
      await adapter.fetchSubAccountKeys(MASTER, GRID_BOT);
      expect(requests.filter((request) => request.url.endsWith('/api/v1/timestamp'))).toHaveLength(2);
    });
  });

  describe('rate limits', () => {
    it('paces a full listing so that no 429 reaches it', async () => {
      const { adapter, state, sleeps } = await setup({
        seed: createLargeKucoinSeed({ subAccounts: 30, keysPerSub: 2 }),
        rateLimit: { quota: 100, windowMs: 30_000 },
      });
      const accounts = await adapter.fetchSubAccounts(MASTER);
      const keys = (await Promise.all(accounts.map((account) => adapter.fetchSubAccountKeys(MASTER, account)))).flat();
      expect(keys).toHaveLength(60);
      expect(state.stats.rateLimited).toBe(0);
      expect(sleeps.length).toBeGreaterThanOrEqual(6);
    });

    it('waits gw-ratelimit-reset after a 429 and then succeeds', async () => {
      const { adapter, state, sleeps } = await setup({}, {
        sleep: async (ms) => {
          sleeps.push(ms);
          clockMs += ms;
          state.setFaults({ rateLimitEveryRequest: false });
        },
      });
      state.setFaults({ rateLimitEveryRequest: true });
      await adapter.fetchCallingKey(MASTER);
      expect(state.stats.rateLimited).toBe(1);
      expect(sleeps).toEqual([30_000]);
    });

    it('gives up as rate-limited when KuCoin keeps refusing', async () => {
      const { adapter, state } = await setup();
      state.setFaults({ rateLimitEveryRequest: true });
      expect((await rejection(adapter.fetchCallingKey(MASTER))).kind).toBe('rate-limited');
      expect(state.stats.rateLimited).toBe(4);
    });
  });

  describe('failures', () => {
    it('fails one sub-account after retrying while the others work', async () => {
      const { adapter, state, sleeps } = await setup();
      state.setFaults({ failSubAccounts: ['tax-export'] });
      const error = await rejection(adapter.fetchSubAccountKeys(MASTER, { kind: 'sub', name: 'tax-export' }));
      expect(error).toMatchObject({ kind: 'exchange-error', exchangeCode: '500000' });
      expect(sleeps).toHaveLength(2);
      expect(await adapter.fetchSubAccountKeys(MASTER, { kind: 'sub', name: 'earn-vault' })).toHaveLength(2);
    });

    it('reports a garbage answer as bad-response without its text', async () => {
      const { adapter, state } = await setup();
      await adapter.fetchCallingKey(MASTER);
      state.setFaults({ garbage: true });
      const error = await rejection(adapter.fetchSubAccountKeys(MASTER, GRID_BOT));
      expect(error.kind).toBe('bad-response');
      expect(JSON.stringify({ message: error.message, failure: error.toFailure() })).not.toMatch(/garbage|html|502/i);
    });

    // A wrong secret also spoils KC-API-PASSPHRASE (an HMAC keyed by the secret), so it reads as a passphrase error.
    it.each([
      ['a wrong secret', 'bad-passphrase', { secret: redact('KA_CANARY_SECRET') }],
      ['a wrong passphrase', 'bad-passphrase', { passphrase: redact('KA_CANARY_PASSPHRASE') }],
      ['an unknown key', 'unknown-key', { apiKey: '000000000000000000000000' }],
    ])('reports %s as %s, without the secrets', async (_name, kind, override) => {
      const { adapter } = await setup();
      const error = await rejection(adapter.fetchCallingKey({ ...MASTER, ...override }));
      expect(error.kind).toBe(kind);
      expect(`${error.message} ${JSON.stringify(error.toFailure())}`).not.toMatch(/KA_CANARY|demo-master-pass/);
    });

    it("reports a machine outside the key's whitelist as ip-not-allowed", async () => {
      const seed = createKucoinDemoSeed();
      seed.master.keys[0]!.ipWhitelist = '203.0.113.99';
      const { adapter } = await setup({ seed });
      const error = await rejection(adapter.fetchCallingKey(MASTER));
      expect(error).toMatchObject({ kind: 'ip-not-allowed', message: "This machine's IP address is not on the key's IP whitelist." });
    });

    it('reports an unreachable exchange after retrying', async () => {
      const { baseUrl } = await setup();
      await loopback.closeAll();
      const sleeps: number[] = [];
      const adapter = createKucoinAdapter({ transport: fetchTransport, baseUrl, now: () => clockMs, sleep: async (ms) => void sleeps.push(ms) });
      expect((await rejection(adapter.fetchCallingKey(MASTER))).kind).toBe('unreachable');
      expect(sleeps).toHaveLength(2);
    });
  });
});
