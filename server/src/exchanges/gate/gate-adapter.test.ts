// The adapter against the simulator over real HTTP on 127.0.0.1: signing, normalizing, revoking, clock skew,
// rate limits and failures end to end. Sleeps advance a fake clock shared by both sides.
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exchangeKeySchema } from '@contract/audited-key.ts';
import { createGateAdapter, type GateAdapterDeps } from './gate-adapter.ts';
import { createGateSimulator, type GateSimulatorOptions } from '../../simulator/gate/gate-simulator.ts';
import { createGateDemoSeed, createLargeGateSeed, GATE_DEMO_CONNECTION, GATE_DEMO_REFERENCE_MS, GATE_DEMO_SUB_CONNECTION } from '../../simulator/gate/gate-demo-seed.ts';
import { createLoopbackServers } from '../../../test/test-support/loopback-server.ts';
import { rejection } from '../../../test/test-support/exchange-error-catchers.ts';
import { fetchTransport, type HttpRequest } from '../http-transport.ts';
import { redact } from '../../secrets/redacted.ts';
import type { Credentials } from '../exchange-adapter.ts';
import { planFor } from '../../../test/test-support/restriction-plans.ts';
import { signGateRequest } from './gate-sign.ts';

const MASTER: Credentials = { apiKey: GATE_DEMO_CONNECTION.apiKey, secret: redact(GATE_DEMO_CONNECTION.secret) };
const SUB: Credentials = { apiKey: GATE_DEMO_SUB_CONNECTION.apiKey, secret: redact(GATE_DEMO_SUB_CONNECTION.secret) };
const GRID_BOT = { kind: 'sub', name: 'grid_bot_2' } as const;
const MASTER_ACCOUNT = { kind: 'master', name: 'master' } as const;

let clockMs: number;
const loopback = createLoopbackServers();
beforeEach(() => {
  clockMs = GATE_DEMO_REFERENCE_MS;
});
afterEach(() => loopback.closeAll());

async function setup(options: GateSimulatorOptions = {}, deps: Partial<GateAdapterDeps> = {}) {
  const simulator = createGateSimulator({ now: () => clockMs, ...options });
  const app = express();
  app.use('/gate', simulator.router);
  const baseUrl = `${await loopback.listen(app)}/gate`;
  const sleeps: number[] = [];
  const requests: HttpRequest[] = [];
  const adapter = createGateAdapter({
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
  const pathsOf = (method = 'GET') => requests.filter((request) => request.method === method).map((request) => new URL(request.url).pathname.replace(/^\/gate/, ''));
  return { ...simulator, adapter, sleeps, requests, baseUrl, pathsOf };
}

describe(createGateAdapter.name, () => {
  it('reads the calling main-account key with its permissions from main_keys, masked', async () => {
    const { adapter } = await setup();
    const key = await adapter.fetchCallingKey(MASTER);
    expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(key).toMatchObject({
      exchange: 'gate',
      account: MASTER_ACCOUNT,
      apiKey: `${MASTER.apiKey.slice(0, 4)}…${MASTER.apiKey.slice(-4)}`,
      label: 'keyaudit',
      permissions: ['account', 'spot:read_only', 'wallet:read_only'],
      ipWhitelist: ['127.0.0.1'],
      createdAt: new Date(GATE_DEMO_REFERENCE_MS - 20 * 86_400_000).toISOString(),
      lastUsedAt: new Date(GATE_DEMO_REFERENCE_MS).toISOString(),
      isCallingKey: true,
      revocability: { canRevoke: false, how: 'website-only' },
    });
    expect(JSON.stringify(key)).not.toContain(MASTER.apiKey);
  });

  it("accepts a base URL written the way Gate's docs write it, with /api/v4", async () => {
    const { baseUrl } = await setup();
    const adapter = createGateAdapter({ transport: fetchTransport, baseUrl: `${baseUrl}/api/v4/`, now: () => clockMs });
    expect((await adapter.fetchCallingKey(MASTER)).label).toBe('keyaudit');
  });

  it('lists every sub-account, cross-margin ones included, by login name', async () => {
    const { adapter, requests } = await setup();
    const accounts = await adapter.fetchSubAccounts(MASTER);
    expect(accounts).toEqual(createGateDemoSeed().subAccounts.map((sub) => ({ kind: 'sub', name: sub.loginName })));
    expect(requests.some((request) => request.url.endsWith('/api/v4/sub_accounts?type=0'))).toBe(true);
  });

  it("lists the main account's other keys, with last use, but not the calling key twice", async () => {
    const { adapter } = await setup();
    const { keys, note } = await adapter.fetchOtherMasterKeys!(MASTER);
    expect(note).toBeUndefined();
    expect(keys.map((key) => key.label)).toEqual(['tax-report', 'legacy-withdraw-bot']);
    expect(keys[1]).toMatchObject({
      apiKey: expect.stringMatching(/^[0-9a-f]{12}\*{5}$/),
      ipWhitelist: null,
      lastUsedAt: new Date(GATE_DEMO_REFERENCE_MS - 400 * 86_400_000).toISOString(),
      permissions: ['wallet', 'spot', 'withdrawal'],
      capabilities: expect.arrayContaining([{ capability: 'withdraw', from: 'withdrawal', isUncertain: true }]),
      revocability: { canRevoke: false, how: 'website-only' },
    });
  });

  describe('when main_keys answers one object, as Gate\'s schema and SDK declare', () => {
    it("reads the calling key's permissions from that record", async () => {
      const { adapter } = await setup({ variant: 'main-keys-object' });
      const key = await adapter.fetchCallingKey(MASTER);
      expect(exchangeKeySchema.parse(key)).toEqual(key);
      expect(key).toMatchObject({
        account: MASTER_ACCOUNT,
        label: 'keyaudit',
        permissions: ['account', 'spot:read_only', 'wallet:read_only'],
        ipWhitelist: ['127.0.0.1'],
        lastUsedAt: new Date(GATE_DEMO_REFERENCE_MS).toISOString(),
        isCallingKey: true,
      });
      expect(key.unreported).toBeUndefined();
    });

    it('lists no other main key, says so in a coverage note, and still lists every sub-account', async () => {
      const { adapter } = await setup({ variant: 'main-keys-object' });
      await adapter.fetchCallingKey(MASTER);
      expect(await adapter.fetchOtherMasterKeys!(MASTER)).toEqual({
        keys: [],
        note: { gap: 'other-master-keys-not-listed', message: expect.stringContaining("Gate's API management page") },
      });
      expect(await adapter.fetchSubAccounts(MASTER)).toHaveLength(createGateDemoSeed().subAccounts.length);
    });
  });

  it('lists and normalizes the keys of a sub-account, addressed by its user id', async () => {
    const { adapter, state, pathsOf } = await setup();
    await adapter.fetchSubAccounts(MASTER);
    const keys = await adapter.fetchSubAccountKeys(MASTER, GRID_BOT);
    for (const key of keys) expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(keys.map((key) => key.apiKey)).toEqual(state.listKeys(GRID_BOT).map((key) => key.apiKey));
    expect(keys[1]).toMatchObject({
      account: GRID_BOT,
      label: 'grid-profit-sweep',
      permissions: ['wallet', 'spot'],
      ipWhitelist: null,
      isCallingKey: false,
      revocability: { canRevoke: true, how: 'api' },
    });
    expect(pathsOf()).toContain(`/api/v4/sub_accounts/${state.findSubAccount('grid_bot_2')!.userId}/keys`);
  });

  it('finds the user id of a sub-account it has not listed yet', async () => {
    const { adapter } = await setup();
    expect(await adapter.fetchSubAccountKeys(MASTER, { kind: 'sub', name: 'cross_margin_desk' })).toHaveLength(3);
    expect((await rejection(adapter.fetchSubAccountKeys(MASTER, { kind: 'sub', name: 'no_such_sub' }))).kind).toBe('not-found');
  });

  describe('with a sub-account key as connection', () => {
    it('reads the calling key as a sub-account key: whitelist known, permissions not reported', async () => {
      const { adapter, state } = await setup();
      const key = await adapter.fetchCallingKey(SUB);
      expect(exchangeKeySchema.parse(key)).toEqual(key);
      expect(key).toMatchObject({
        account: { kind: 'sub', name: String(state.findSubAccount('cross_margin_desk')!.userId) },
        permissions: [],
        ipWhitelist: ['127.0.0.1'],
        revocability: { canRevoke: false, how: 'website-only' },
        unreported: ['withdraw'],
      });
    });

    it('finds no sub-accounts and refuses to list or revoke keys', async () => {
      const { adapter, state } = await setup();
      expect(await adapter.fetchSubAccounts(SUB)).toEqual([]);
      expect((await rejection(adapter.fetchOtherMasterKeys!(SUB))).kind).toBe('permission-denied');
      const apiKey = state.listKeys(GRID_BOT)[0]!.apiKey;
      expect((await rejection(adapter.revokeKey(SUB, { account: GRID_BOT, apiKey }, undefined))).kind).toBe('permission-denied');
      expect(state.findKey(apiKey)).toBeDefined();
    });
  });

  describe('revokeKey', () => {
    it('deletes a sub-account key with DELETE and no body', async () => {
      const { adapter, state, requests } = await setup();
      const apiKey = state.listKeys(GRID_BOT)[1]!.apiKey;
      await adapter.revokeKey(MASTER, { account: GRID_BOT, apiKey }, undefined);
      expect(state.findKey(apiKey)).toBeUndefined();
      const deletion = requests.find((request) => request.method === 'DELETE');
      expect(new URL(deletion!.url).pathname).toBe(`/gate/api/v4/sub_accounts/${state.findSubAccount('grid_bot_2')!.userId}/keys/${apiKey}`);
      expect(deletion?.body).toBeUndefined();
      expect(await adapter.fetchSubAccountKeys(MASTER, GRID_BOT)).toHaveLength(1);
    });

    it('reports a key that is already gone as not-found and sends no DELETE', async () => {
      const { adapter, state, pathsOf } = await setup();
      const apiKey = state.listKeys(GRID_BOT)[0]!.apiKey;
      state.deleteKey(GRID_BOT, apiKey);
      expect((await rejection(adapter.revokeKey(MASTER, { account: GRID_BOT, apiKey }, undefined))).kind).toBe('not-found');
      expect(pathsOf('DELETE')).toEqual([]);
    });

    it('reports a main key that may not delete keys as permission-denied', async () => {
      const seed = createGateDemoSeed();
      seed.master.keys[0]!.perms = [{ name: 'account', read_only: true }];
      const { adapter, state } = await setup({ seed });
      const apiKey = state.listKeys(GRID_BOT)[0]!.apiKey;
      expect(await rejection(adapter.revokeKey(MASTER, { account: GRID_BOT, apiKey }, undefined))).toMatchObject({
        kind: 'permission-denied',
        exchangeCode: 'READ_ONLY',
      });
      expect(state.findKey(apiKey)).toBeDefined();
    });

    it('refuses main-account keys and malformed keys without calling Gate', async () => {
      const { adapter, requests } = await setup();
      const master = await rejection(adapter.revokeKey(MASTER, { account: MASTER_ACCOUNT, apiKey: 'abc' }, undefined));
      const malformed = await rejection(adapter.revokeKey(MASTER, { account: GRID_BOT, apiKey: '../../account/detail' }, undefined));
      expect(master).toMatchObject({ kind: 'invalid-request', message: expect.stringContaining('main-account keys') });
      expect(malformed.kind).toBe('invalid-request');
      expect(requests).toEqual([]);
    });
  });

  describe('restrictKey', () => {
    const DESK = { kind: 'sub', name: 'cross_margin_desk' } as const;
    const listed = async (adapter: Awaited<ReturnType<typeof setup>>['adapter'], account: typeof GRID_BOT | typeof DESK, name: string) =>
      (await adapter.fetchSubAccountKeys(MASTER, account)).find((key) => key.label === name)!;

    it('sends the whole key back with the new whitelist: every perm kept, name kept', async () => {
      const { adapter, state, requests } = await setup();
      const key = await listed(adapter, GRID_BOT, 'grid-profit-sweep');
      await adapter.restrictKey!(MASTER, { account: GRID_BOT, apiKey: key.apiKey }, planFor('gate', key, { ips: ['198.51.100.4'] }), undefined);
      const put = requests.find((request) => request.method === 'PUT')!;
      expect(JSON.parse(put.body!)).toMatchObject({ name: 'grid-profit-sweep', ip_whitelist: ['198.51.100.4'], perms: [{ name: 'wallet', read_only: false }, { name: 'spot', read_only: false }] });
      expect(state.findKey(key.apiKey)!.key).toMatchObject({ ipWhitelist: ['198.51.100.4'], perms: [{ name: 'wallet', read_only: false }, { name: 'spot', read_only: false }] });
    });

    it('drops withdrawal by making the group read-only, and keeps the whitelist it did not touch', async () => {
      const { adapter, state } = await setup();
      const before = await listed(adapter, DESK, 'desk-payout');
      await adapter.restrictKey!(MASTER, { account: DESK, apiKey: before.apiKey }, planFor('gate', { ...before }, { ips: ['198.51.100.9'] }), undefined);
      const key = await listed(adapter, DESK, 'desk-payout');
      const plan = planFor('gate', key, { drop: ['withdraw'] });
      await adapter.restrictKey!(MASTER, { account: DESK, apiKey: key.apiKey }, plan, undefined);
      expect(state.findKey(key.apiKey)!.key).toMatchObject({ ipWhitelist: ['198.51.100.9'], perms: [{ name: 'wallet', read_only: false }, { name: 'withdrawal', read_only: true }] });
      expect((await listed(adapter, DESK, 'desk-payout')).permissions).toEqual(plan.after.permissions);
    });

    it('the simulator clears what an update leaves out, as Gate documents: a client sending only IPs strips every perm', async () => {
      const { state, baseUrl } = await setup();
      const key = state.listKeys(GRID_BOT).find((candidate) => candidate.name === 'grid-profit-sweep')!;
      const userId = state.findSubAccount('grid_bot_2')!.userId;
      const body = JSON.stringify({ ip_whitelist: ['198.51.100.4'] });
      const request = { baseUrl, method: 'PUT' as const, path: `/api/v4/sub_accounts/${userId}/keys/${key.apiKey}`, body };
      expect((await fetchTransport(signGateRequest(request, MASTER, clockMs))).status).toBe(204);
      expect(state.findKey(key.apiKey)!.key).toMatchObject({ perms: [], name: '', ipWhitelist: ['198.51.100.4'] });
    });

    it('refuses main-account keys without calling Gate', async () => {
      const { adapter, requests } = await setup();
      const key = await listed(adapter, GRID_BOT, '3commas');
      requests.length = 0;
      const error = await rejection(adapter.restrictKey!(MASTER, { account: MASTER_ACCOUNT, apiKey: key.apiKey }, planFor('gate', key, { ips: ['198.51.100.4'] }), undefined));
      expect(error.kind).toBe('invalid-request');
      expect(requests).toEqual([]);
    });
  });

  describe('clock skew', () => {
    it('signs with the offset learned from /spot/time', async () => {
      const { adapter, state } = await setup();
      state.setFaults({ clockSkewMs: 120_000 });
      expect((await adapter.fetchCallingKey(MASTER)).account.kind).toBe('master');
    });

    it('reads the server time once for concurrent first calls', async () => {
      const { adapter, pathsOf } = await setup();
      await Promise.all([adapter.fetchSubAccountKeys(MASTER, GRID_BOT), adapter.fetchSubAccountKeys(MASTER, { kind: 'sub', name: 'tax_export' })]);
      expect(pathsOf().filter((path) => path === '/api/v4/spot/time')).toHaveLength(1);
    });

    it('re-syncs and retries once when the clock drifts later', async () => {
      const { adapter, state, pathsOf } = await setup();
      await adapter.fetchCallingKey(MASTER);
      state.setFaults({ clockSkewMs: -90_000 });
      await adapter.fetchSubAccountKeys(MASTER, GRID_BOT);
      expect(pathsOf().filter((path) => path === '/api/v4/spot/time')).toHaveLength(2);
    });
  });

  describe('rate limits', () => {
    it('paces a full listing by the rate-limit headers so that no 429 reaches it', async () => {
      const { adapter, state, sleeps } = await setup({
        seed: createLargeGateSeed({ subAccounts: 12, keysPerSub: 1 }),
        rateLimit: { windowMs: 10_000, subAccountLimit: 5, otherLimit: 5 },
      });
      const accounts = await adapter.fetchSubAccounts(MASTER);
      const keys = (await Promise.all(accounts.map((account) => adapter.fetchSubAccountKeys(MASTER, account)))).flat();
      expect(keys).toHaveLength(12);
      expect(state.stats.rateLimited).toBe(0);
      expect(sleeps.length).toBeGreaterThanOrEqual(2);
    });

    it('waits until the reset Gate names after a 429, then succeeds', async () => {
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
      expect(sleeps).toEqual([10_000]);
    });

    it('gives up as rate-limited when Gate keeps refusing', async () => {
      const { adapter, state } = await setup();
      state.setFaults({ rateLimitEveryRequest: true });
      expect((await rejection(adapter.fetchCallingKey(MASTER))).kind).toBe('rate-limited');
      expect(state.stats.rateLimited).toBe(4);
    });
  });

  describe('failures', () => {
    it('fails one sub-account after retrying while the others work', async () => {
      const { adapter, state, sleeps } = await setup();
      state.setFaults({ failSubAccounts: ['tax_export'] });
      const error = await rejection(adapter.fetchSubAccountKeys(MASTER, { kind: 'sub', name: 'tax_export' }));
      expect(error).toMatchObject({ kind: 'exchange-error', exchangeCode: 'INTERNAL' });
      expect(sleeps).toHaveLength(2);
      expect(await adapter.fetchSubAccountKeys(MASTER, { kind: 'sub', name: 'mm_hummingbot' })).toHaveLength(2);
    });

    it('reports a garbage answer as bad-response without its text', async () => {
      const { adapter, state } = await setup();
      await adapter.fetchCallingKey(MASTER);
      state.setFaults({ garbage: true });
      const error = await rejection(adapter.fetchSubAccountKeys(MASTER, GRID_BOT));
      expect(error.kind).toBe('bad-response');
      expect(JSON.stringify({ message: error.message, failure: error.toFailure() })).not.toMatch(/garbage|html|502/i);
    });

    it.each([
      ['a wrong secret', 'bad-signature', { secret: redact('KA_CANARY_SECRET') }],
      ['an unknown key', 'unknown-key', { apiKey: 'f'.repeat(32) }],
    ])('reports %s as %s, without the secret', async (_name, kind, override) => {
      const { adapter } = await setup();
      const error = await rejection(adapter.fetchCallingKey({ ...MASTER, ...override }));
      expect(error.kind).toBe(kind);
      expect(`${error.message} ${JSON.stringify(error.toFailure())}`).not.toMatch(/KA_CANARY/);
    });

    it("reports a machine outside the key's whitelist as ip-not-allowed", async () => {
      const seed = createGateDemoSeed();
      seed.master.keys[0]!.ipWhitelist = ['35.187.23.14'];
      const { adapter } = await setup({ seed });
      expect(await rejection(adapter.fetchCallingKey(MASTER))).toMatchObject({ kind: 'ip-not-allowed', exchangeCode: 'IP_FORBIDDEN' });
    });

    it('reports an unreachable exchange after retrying', async () => {
      const { baseUrl } = await setup();
      await loopback.closeAll();
      const sleeps: number[] = [];
      const adapter = createGateAdapter({ transport: fetchTransport, baseUrl, now: () => clockMs, sleep: async (ms) => void sleeps.push(ms) });
      expect((await rejection(adapter.fetchCallingKey(MASTER))).kind).toBe('unreachable');
      expect(sleeps).toHaveLength(2);
    });
  });
});
