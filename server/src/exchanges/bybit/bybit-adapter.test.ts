// createBybitAdapter against its simulator over real HTTP (127.0.0.1, ephemeral port, fetchTransport):
// what an audit and a revoke really send, and how each failure reaches the audit.
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exchangeKeySchema } from '@contract/audited-key.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { createBybitAdapter, type BybitAdapterDeps } from './bybit-adapter.ts';
import { createBybitSimulator, type BybitSimulatorOptions } from '../../simulator/bybit/bybit-simulator.ts';
import { BYBIT_DEMO_CONNECTION, BYBIT_DEMO_REFERENCE_MS, BYBIT_DEMO_SUB_CONNECTION, createBybitDemoSeed, createLargeBybitSeed } from '../../simulator/bybit/bybit-demo-seed.ts';
import { createLoopbackServers } from '../../../test/test-support/loopback-server.ts';
import { rejection } from '../../../test/test-support/exchange-error-catchers.ts';
import { fetchTransport, type HttpRequest } from '../http-transport.ts';
import { redact } from '../../secrets/redacted.ts';
import type { Credentials } from '../exchange-adapter.ts';
import { signBybitRequest } from './bybit-sign.ts';
import { planFor } from '../../../test/test-support/restriction-plans.ts';

const MASTER: Credentials = { apiKey: BYBIT_DEMO_CONNECTION.apiKey, secret: redact(BYBIT_DEMO_CONNECTION.secret) };
const SUB: Credentials = { apiKey: BYBIT_DEMO_SUB_CONNECTION.apiKey, secret: redact(BYBIT_DEMO_SUB_CONNECTION.secret) };
const GRID_BOTS = { kind: 'sub', name: '100245902' } as const;
const MASKED_MASTER = `${MASTER.apiKey.slice(0, 4)}…${MASTER.apiKey.slice(-4)}`;

let clockMs: number;
const loopback = createLoopbackServers();
beforeEach(() => {
  clockMs = BYBIT_DEMO_REFERENCE_MS;
});
afterEach(() => loopback.closeAll());

/**
 * A sleeper wakes when the shared clock reaches its own time: concurrent sleepers share one timeline
 * instead of each pushing the clock further (which would age requests still in flight).
 */
function advanceClockTo(wakeAtMs: number): Promise<void> {
  return new Promise((resolve) => {
    setImmediate(() => {
      clockMs = Math.max(clockMs, wakeAtMs);
      resolve();
    });
  });
}

async function setup(options: BybitSimulatorOptions = {}, deps: Partial<BybitAdapterDeps> = {}) {
  const simulator = createBybitSimulator({ now: () => clockMs, seed: createBybitDemoSeed(), ...options });
  const app = express();
  app.use(simulator.router);
  const baseUrl = await loopback.listen(app);
  const sleeps: number[] = [];
  const requests: HttpRequest[] = [];
  const adapter = createBybitAdapter({
    transport: (request) => {
      requests.push(request);
      return fetchTransport(request);
    },
    baseUrl,
    now: () => clockMs,
    sleep: (ms) => {
      sleeps.push(ms);
      return advanceClockTo(clockMs + ms);
    },
    ...deps,
  });
  const paths = (path: string) => requests.filter((request) => new URL(request.url).pathname === path);
  return { ...simulator, adapter, sleeps, requests, paths, baseUrl };
}

describe(createBybitAdapter.name, () => {
  it('reads the calling master key, masked, as revocable through its own connection', async () => {
    const { adapter } = await setup();
    const key = await adapter.fetchCallingKey(MASTER);
    expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(key).toMatchObject({
      exchange: 'bybit',
      account: { kind: 'master', name: 'master' },
      apiKey: MASKED_MASTER,
      label: 'keyaudit',
      permissions: ['readOnly=0', 'Wallet:AccountTransfer', 'Wallet:SubMemberTransfer'],
      ipWhitelist: ['127.0.0.1'],
      expiresAt: null,
      isCallingKey: true,
      isThirdPartyBound: false,
      revocability: { canRevoke: true, how: 'api', revokesOwnConnection: true },
    });
    expect(JSON.stringify(key)).not.toContain(MASTER.apiKey);
  });

  it('lists the calling key and every key of every sub-account', async () => {
    const { adapter, state } = await setup();
    const calling = await adapter.fetchCallingKey(MASTER);
    const accounts = await adapter.fetchSubAccounts(MASTER);
    expect(accounts).toEqual(state.listSubAccounts().map((sub) => ({ kind: 'sub', name: sub.uid })));
    const subKeys = (await Promise.all(accounts.map((account) => adapter.fetchSubAccountKeys(MASTER, account)))).flat();
    const expected = state.listAllKeys().filter((key) => key.account !== 'master');
    expect(subKeys.map((key) => [key.account.name, key.apiKey, key.label])).toEqual(expected.map((key) => [key.account, key.apiKey, key.label]));
    for (const key of [calling, ...subKeys]) expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(subKeys.find((key) => key.label === 'pionex-grid')).toMatchObject({
      account: GRID_BOTS,
      ipWhitelist: null,
      expiresAt: new Date(BYBIT_DEMO_REFERENCE_MS + 6 * 86_400_000).toISOString(),
      revocability: { canRevoke: true, how: 'api' },
      capabilities: expect.arrayContaining([{ capability: 'trade-spot', from: 'Spot:SpotTrade', isUncertain: true }]),
    });
    expect(subKeys.find((key) => key.label === 'copytrade-app')).toMatchObject({ isThirdPartyBound: true, expiresAt: null });
    expect(subKeys.find((key) => key.label === 'koinly-readonly')?.permissions[0]).toBe('readOnly=true');
  });

  it('follows every page of sub-accounts and of their keys, encoding the cursors Bybit hands out', async () => {
    const { adapter, paths } = await setup({ seed: createLargeBybitSeed({ subAccounts: 7, keysPerSub: 45 }) }, { pageSizes: { subMembers: 3 } });
    const accounts = await adapter.fetchSubAccounts(MASTER);
    expect(accounts).toHaveLength(7);
    expect(paths('/v5/user/submembers').map((request) => new URL(request.url).search)).toEqual([
      '?pageSize=3',
      '?pageSize=3&nextCursor=3%253A0%252C3%253A0',
      '?pageSize=3&nextCursor=6%253A0%252C6%253A0',
    ]);
    const keys = await adapter.fetchSubAccountKeys(MASTER, accounts[6]!);
    expect(keys).toHaveLength(45);
    expect(new Set(keys.map((key) => key.apiKey)).size).toBe(45);
    expect(paths('/v5/user/sub-apikeys')).toHaveLength(3);
  });

  it('offers only the website for sub-account keys when the master key is read-only', async () => {
    const seed = createBybitDemoSeed();
    seed.master.keys[0]!.readOnly = true;
    const { adapter } = await setup({ seed });
    const keys = await adapter.fetchSubAccountKeys(MASTER, GRID_BOTS);
    expect(keys.every((key) => key.revocability.how === 'website-only' && !key.revocability.canRevoke)).toBe(true);
  });

  it('tells a read-only master key that cannot list sub-accounts exactly which permission to grant (10005)', async () => {
    const { adapter, variant } = await setup();
    variant.set({ masterKeys: 'read-only' });
    expect(await adapter.fetchCallingKey(MASTER)).toMatchObject({ permissions: ['readOnly=1'], capabilities: [{ capability: 'read' }] });
    const error = await rejection(adapter.fetchSubAccounts(MASTER));
    expect(error).toMatchObject({ kind: 'permission-denied', exchangeCode: '10005' });
    expect(error.message).toContain('Account Transfer');
    expect(error.message).toContain(exchangeInfo('bybit').auditKeyNeeds.why);
  });

  describe('with a sub-account key as connection', () => {
    it('reads the calling key under its sub-account UID, and finds no sub-accounts without asking', async () => {
      const { adapter, paths } = await setup();
      expect(await adapter.fetchCallingKey(SUB)).toMatchObject({
        account: { kind: 'sub', name: BYBIT_DEMO_SUB_CONNECTION.uid },
        isCallingKey: true,
        revocability: { canRevoke: true, how: 'api', revokesOwnConnection: true },
      });
      expect(await adapter.fetchSubAccounts(SUB)).toEqual([]);
      expect(paths('/v5/user/submembers')).toEqual([]);
    });

    it('reports 10005 when it lists a sub-account anyway', async () => {
      const { adapter } = await setup();
      expect(await rejection(adapter.fetchSubAccountKeys(SUB, GRID_BOTS))).toMatchObject({ kind: 'permission-denied', exchangeCode: '10005' });
    });

    it('deletes itself through delete-sub-api without naming itself', async () => {
      const { adapter, state, paths } = await setup();
      const calling = await adapter.fetchCallingKey(SUB);
      await adapter.revokeKey(SUB, { account: calling.account, apiKey: calling.apiKey }, undefined);
      expect(state.findKey(SUB.apiKey)).toBeUndefined();
      expect(paths('/v5/user/delete-sub-api').map((request) => request.body)).toEqual(['{}']);
    });

    it('refuses to delete another sub-account key', async () => {
      const { adapter, state } = await setup();
      const apiKey = state.listKeys(GRID_BOTS)[0]!.apiKey;
      expect((await rejection(adapter.revokeKey(SUB, { account: GRID_BOTS, apiKey }, undefined))).kind).toBe('permission-denied');
      expect(state.findKey(apiKey)).toBeDefined();
    });
  });

  describe('revokeKey', () => {
    it('deletes a sub-account key through delete-sub-api after checking it is in that sub-account', async () => {
      const { adapter, state, paths } = await setup();
      const apiKey = state.listKeys(GRID_BOTS)[1]!.apiKey;
      await adapter.revokeKey(MASTER, { account: GRID_BOTS, apiKey }, undefined);
      expect(state.findKey(apiKey)).toBeUndefined();
      expect(state.listAllKeys()).toHaveLength(11);
      const deletion = paths('/v5/user/delete-sub-api')[0];
      expect(deletion).toMatchObject({ method: 'POST', body: JSON.stringify({ apikey: apiKey }) });
      expect(deletion?.headers['Content-Type']).toBe('application/json');
    });

    it('refuses a key listed under another sub-account and deletes nothing', async () => {
      const { adapter, state, paths } = await setup();
      const apiKey = state.listKeys({ kind: 'sub', name: '100245903' })[0]!.apiKey;
      expect((await rejection(adapter.revokeKey(MASTER, { account: GRID_BOTS, apiKey }, undefined))).kind).toBe('not-found');
      expect(state.findKey(apiKey)).toBeDefined();
      expect(paths('/v5/user/delete-sub-api')).toEqual([]);
    });

    it('deletes the calling master key through delete-api when asked with its masked key', async () => {
      const { adapter, state, paths } = await setup();
      const calling = await adapter.fetchCallingKey(MASTER);
      await adapter.revokeKey(MASTER, { account: calling.account, apiKey: calling.apiKey }, undefined);
      expect(state.findKey(MASTER.apiKey)).toBeUndefined();
      expect(paths('/v5/user/delete-api').map((request) => request.body)).toEqual(['{}']);
      expect((await rejection(adapter.fetchCallingKey(MASTER))).kind).toBe('unknown-key');
    });

    it('refuses other master-account keys without calling Bybit', async () => {
      const { adapter, requests } = await setup();
      const error = await rejection(adapter.revokeKey(MASTER, { account: { kind: 'master', name: 'master' }, apiKey: 'AAAAAAAAAAAAAAAAAA' }, undefined));
      expect(error.kind).toBe('invalid-request');
      expect(requests.map((request) => new URL(request.url).pathname)).toEqual(['/v5/market/time', '/v5/user/query-api']);
    });

    it('reports a master key without the needed permission as permission-denied and deletes nothing', async () => {
      const seed = createBybitDemoSeed();
      seed.master.keys[0]!.readOnly = true;
      const { adapter, state } = await setup({ seed });
      const apiKey = state.listKeys(GRID_BOTS)[0]!.apiKey;
      expect(await rejection(adapter.revokeKey(MASTER, { account: GRID_BOTS, apiKey }, undefined))).toMatchObject({ kind: 'permission-denied', exchangeCode: '10005' });
      expect(state.findKey(apiKey)).toBeDefined();
    });
  });

  describe('restrictKey', () => {
    const MM_DESK = { kind: 'sub', name: '100245901' } as const;
    const bodyOf = (request: HttpRequest | undefined) => JSON.parse(request!.body!) as Record<string, unknown>;

    it('binds an unbound key, sending ips as the comma-separated string and readOnly as it was', async () => {
      const { adapter, state, paths } = await setup();
      const key = (await adapter.fetchSubAccountKeys(MASTER, GRID_BOTS)).find((candidate) => candidate.label === 'pionex-grid')!;
      await adapter.restrictKey!(MASTER, { account: GRID_BOTS, apiKey: key.apiKey }, planFor('bybit', key, { ips: ['198.51.100.4', '198.51.100.5'] }), undefined);
      expect(bodyOf(paths('/v5/user/update-sub-api')[0])).toEqual({ apikey: key.apiKey, readOnly: 0, ips: '198.51.100.4,198.51.100.5' });
      expect(state.findKey(key.apiKey)!.key).toMatchObject({ ips: ['198.51.100.4', '198.51.100.5'], permissions: { Spot: ['SpotTrade'] } });
    });

    it('resends the IP list when it only drops permissions: a missing ips would unbind the key', async () => {
      const { adapter, state, paths } = await setup();
      const key = (await adapter.fetchSubAccountKeys(MASTER, MM_DESK)).find((candidate) => candidate.label === 'mm-hedge')!;
      await adapter.restrictKey!(MASTER, { account: MM_DESK, apiKey: key.apiKey }, planFor('bybit', key, { drop: ['trade'] }), undefined);
      expect(bodyOf(paths('/v5/user/update-sub-api')[0])).toMatchObject({ ips: '13.212.45.47,13.212.45.48', permissions: { ContractTrade: [] } });
      expect(state.findKey(key.apiKey)!.key).toMatchObject({ ips: ['13.212.45.47', '13.212.45.48'], permissions: { ContractTrade: [] } });
      const [reread] = (await adapter.fetchSubAccountKeys(MASTER, MM_DESK)).filter((candidate) => candidate.apiKey === key.apiKey);
      expect(reread?.ipWhitelist).toEqual(['13.212.45.47', '13.212.45.48']);
    });

    it('the simulator unbinds a key updated without ips, and makes it read-write without readOnly, as Bybit documents', async () => {
      const { state, baseUrl } = await setup();
      const target = state.listKeys({ kind: 'sub', name: '100245903' }).find((key) => key.note === 'koinly-readonly')!;
      expect(target).toMatchObject({ ips: ['35.157.98.12'], readOnly: true });
      // What a client that forgot ips and readOnly sends: only the permissions.
      const body = JSON.stringify({ apikey: target.apiKey, permissions: { Spot: [] } });
      const response = await fetchTransport(signBybitRequest({ baseUrl, method: 'POST', path: '/v5/user/update-sub-api', body }, MASTER, clockMs));
      expect(response.status).toBe(200);
      expect(state.findKey(target.apiKey)!.key).toMatchObject({ ips: ['*'], readOnly: false });
    });

    it('refuses master keys without calling Bybit, and a key no longer listed as not-found', async () => {
      const { adapter, state, paths } = await setup();
      const key = (await adapter.fetchSubAccountKeys(MASTER, GRID_BOTS)).find((candidate) => candidate.label === 'pionex-grid')!;
      const plan = planFor('bybit', key, { ips: ['198.51.100.4'] });
      expect((await rejection(adapter.restrictKey!(MASTER, { account: { kind: 'master', name: 'master' }, apiKey: 'x' }, plan, undefined))).kind).toBe('invalid-request');
      state.deleteKey(GRID_BOTS, key.apiKey);
      expect((await rejection(adapter.restrictKey!(MASTER, { account: GRID_BOTS, apiKey: key.apiKey }, plan, undefined))).kind).toBe('not-found');
      expect(paths('/v5/user/update-sub-api')).toEqual([]);
    });
  });

  describe('clock', () => {
    it('signs with the offset learned from the server time', async () => {
      const { adapter, state } = await setup();
      state.setFaults({ clockSkewMs: 120_000 });
      expect((await adapter.fetchCallingKey(MASTER)).account.kind).toBe('master');
    });

    it('reads the server time once for concurrent first calls', async () => {
      const { adapter, paths } = await setup();
      await Promise.all([adapter.fetchSubAccountKeys(MASTER, GRID_BOTS), adapter.fetchSubAccountKeys(MASTER, { kind: 'sub', name: '100245903' })]);
      expect(paths('/v5/market/time')).toHaveLength(1);
    });

    it('re-syncs and retries once when the clock drifts later (10002)', async () => {
      const { adapter, state, paths } = await setup();
      await adapter.fetchCallingKey(MASTER);
      state.setFaults({ clockSkewMs: -60_000 });
      await adapter.fetchSubAccountKeys(MASTER, GRID_BOTS);
      expect(paths('/v5/market/time')).toHaveLength(2);
    });

    it('reports a clock that stays off as clock-skew', async () => {
      const { adapter, state } = await setup({}, {
        transport: async (request) => {
          const response = await fetchTransport(request);
          // A clock that jumps after every sync: the offset just learned is always a minute wrong.
          if (request.url.endsWith('/v5/market/time')) state.setFaults({ clockSkewMs: state.faults.clockSkewMs - 60_000 });
          return response;
        },
      });
      expect(await rejection(adapter.fetchCallingKey(MASTER))).toMatchObject({ kind: 'clock-skew', exchangeCode: '10002' });
    });
  });

  describe('rate limits', () => {
    it('paces a full listing so that no 10006 reaches it', async () => {
      const { adapter, state, sleeps } = await setup({ seed: createLargeBybitSeed({ subAccounts: 30, keysPerSub: 2 }) }, { pageSizes: { subMembers: 5 } });
      const accounts = await adapter.fetchSubAccounts(MASTER);
      const keys = (await Promise.all(accounts.map((account) => adapter.fetchSubAccountKeys(MASTER, account)))).flat();
      expect(keys).toHaveLength(60);
      expect(state.stats.rateLimited).toBe(0);
      expect(sleeps.length).toBeGreaterThanOrEqual(3);
    });

    it('waits until X-Bapi-Limit-Reset-Timestamp after a 10006 and then succeeds', async () => {
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
      expect(sleeps[0]).toBe(1_000);
    });

    it('gives up as rate-limited when Bybit keeps refusing', async () => {
      const { adapter, state } = await setup();
      state.setFaults({ rateLimitEveryRequest: true });
      expect((await rejection(adapter.fetchCallingKey(MASTER))).kind).toBe('rate-limited');
      expect(state.stats.rateLimited).toBe(4);
    });
  });

  describe('failures', () => {
    it('fails one sub-account after retrying while the others work', async () => {
      const { adapter, state, paths } = await setup();
      state.setFaults({ failSubAccounts: ['100245902'] });
      const error = await rejection(adapter.fetchSubAccountKeys(MASTER, GRID_BOTS));
      expect(error).toMatchObject({ kind: 'exchange-error', exchangeCode: '10016' });
      expect(paths('/v5/user/sub-apikeys')).toHaveLength(3);
      expect(await adapter.fetchSubAccountKeys(MASTER, { kind: 'sub', name: '100245904' })).toHaveLength(3);
    });

    it('reports a garbage answer as bad-response without its text', async () => {
      const { adapter, state } = await setup();
      await adapter.fetchCallingKey(MASTER);
      state.setFaults({ garbage: true });
      const error = await rejection(adapter.fetchSubAccountKeys(MASTER, GRID_BOTS));
      expect(error.kind).toBe('bad-response');
      expect(JSON.stringify({ message: error.message, failure: error.toFailure() })).not.toMatch(/garbage|html|502/i);
    });

    it.each([
      ['a wrong secret', 'bad-signature', { secret: redact('KA_CANARY_SECRET') }],
      ['an unknown key', 'unknown-key', { apiKey: 'AAAAAAAAAAAAAAAAAA' }],
    ])('reports %s as %s, without the secret', async (_name, kind, override) => {
      const { adapter } = await setup();
      const error = await rejection(adapter.fetchCallingKey({ ...MASTER, ...override }));
      expect(error.kind).toBe(kind);
      expect(`${error.message} ${JSON.stringify(error.toFailure())}`).not.toMatch(/KA_CANARY|AAAAAAAAAAAA/);
    });

    it("reports a machine outside the key's bound IPs as ip-not-allowed", async () => {
      const seed = createBybitDemoSeed();
      seed.master.keys[0]!.ips = ['18.181.170.164'];
      const { adapter } = await setup({ seed });
      expect(await rejection(adapter.fetchCallingKey(MASTER))).toMatchObject({ kind: 'ip-not-allowed', exchangeCode: '10010' });
    });

    it('reports an unreachable exchange after retrying', async () => {
      const { baseUrl } = await setup();
      await loopback.closeAll();
      const sleeps: number[] = [];
      const adapter = createBybitAdapter({ transport: fetchTransport, baseUrl, now: () => clockMs, sleep: async (ms) => void sleeps.push(ms) });
      expect((await rejection(adapter.fetchCallingKey(MASTER))).kind).toBe('unreachable');
      expect(sleeps).toHaveLength(2);
    });
  });
});
