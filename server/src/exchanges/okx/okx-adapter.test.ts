// The adapter against the simulator over real HTTP on 127.0.0.1: signing, paging, normalizing, revoking,
// clock skew, rate limits and failures end to end. Sleeps advance a fake clock shared by both sides.
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exchangeKeySchema } from '@contract/audited-key.ts';
import { createOkxAdapter, type OkxAdapterDeps } from './okx-adapter.ts';
import { createOkxSimulator, type OkxSimulatorOptions } from '../../simulator/okx/okx-simulator.ts';
import {
  createLargeOkxSeed,
  createOkxDemoSeed,
  OKX_DEMO_CONNECTION,
  OKX_DEMO_REFERENCE_MS,
  OKX_DEMO_SUB_CONNECTION,
  OKX_DEMO_UNRESTRICTED_CONNECTION,
} from '../../simulator/okx/okx-demo-seed.ts';
import { createLoopbackServers } from '../../../test/test-support/loopback-server.ts';
import { rejection } from '../../../test/test-support/exchange-error-catchers.ts';
import { fetchTransport, type HttpRequest } from '../http-transport.ts';
import { redact } from '../../secrets/redacted.ts';
import type { Credentials } from '../exchange-adapter.ts';
import { planFor } from '../../../test/test-support/restriction-plans.ts';

const toCredentials = (connection: { apiKey: string; secret: string; passphrase: string }): Credentials => ({
  apiKey: connection.apiKey,
  secret: redact(connection.secret),
  passphrase: redact(connection.passphrase),
});
const MASTER = toCredentials(OKX_DEMO_CONNECTION);
const SUB = toCredentials(OKX_DEMO_SUB_CONNECTION);
const UNRESTRICTED = toCredentials(OKX_DEMO_UNRESTRICTED_CONNECTION);
const GRIDBOT = { kind: 'sub', name: 'gridbot02' } as const;

let clockMs: number;
const loopback = createLoopbackServers();
beforeEach(() => {
  clockMs = OKX_DEMO_REFERENCE_MS;
});
afterEach(() => loopback.closeAll());

async function setup(options: OkxSimulatorOptions = {}, deps: Partial<OkxAdapterDeps> = {}) {
  const simulator = createOkxSimulator({ now: () => clockMs, ...options });
  const app = express();
  app.use('/okx', simulator.router);
  const baseUrl = `${await loopback.listen(app)}/okx`;
  const sleeps: number[] = [];
  const requests: HttpRequest[] = [];
  const adapter = createOkxAdapter({
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

const subAccountPages = (requests: HttpRequest[]) =>
  requests.filter((request) => request.url.includes('/subaccount/list')).map((request) => new URL(request.url).search);

describe(createOkxAdapter.name, () => {
  it('reads the calling master key, masked, with what it may do', async () => {
    const { adapter } = await setup();
    const key = await adapter.fetchCallingKey(MASTER);
    expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(key).toMatchObject({
      exchange: 'okx',
      account: { kind: 'master', name: 'master' },
      apiKey: `${MASTER.apiKey.slice(0, 4)}…${MASTER.apiKey.slice(-4)}`,
      label: 'keyaudit',
      permissions: ['read_only', 'trade'],
      ipWhitelist: ['127.0.0.1'],
      isCallingKey: true,
      revocability: { canRevoke: false, how: 'website-only' },
    });
    expect(key.capabilities).toContainEqual({ capability: 'manage-subaccounts', from: 'trade', isUncertain: false });
    expect(JSON.stringify(key)).not.toContain(MASTER.apiKey);
  });

  it('lists the demo sub-accounts in one page, then every key of each', async () => {
    const { adapter, state } = await setup();
    const accounts = await adapter.fetchSubAccounts(MASTER);
    expect(accounts.map((account) => account.name).sort()).toEqual(state.listSubAccounts().map((sub) => sub.subAcct).sort());
    const keys = (await Promise.all(accounts.map((account) => adapter.fetchSubAccountKeys(MASTER, account)))).flat();
    expect(keys).toHaveLength(11);
    for (const key of keys) expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(state.stats.rateLimited).toBe(0);
  });

  it('normalizes sub-account keys, revocable through the IP-bound master key', async () => {
    const { adapter, state } = await setup();
    const keys = await adapter.fetchSubAccountKeys(MASTER, GRIDBOT);
    expect(keys.map((key) => key.apiKey)).toEqual(state.listKeys(GRIDBOT).map((key) => key.apiKey));
    expect(keys.find((key) => key.label === '3commas-grid')).toMatchObject({
      account: GRIDBOT,
      permissions: ['read_only', 'trade'],
      capabilities: expect.arrayContaining([{ capability: 'transfer-internal', from: 'trade', isUncertain: false }]),
      ipWhitelist: null,
      createdAt: new Date(OKX_DEMO_REFERENCE_MS - 380 * 86_400_000).toISOString(),
      isCallingKey: false,
      revocability: { canRevoke: true, how: 'api' },
    });
  });

  it('follows every page of sub-accounts by creation time', async () => {
    const { adapter, requests } = await setup({ seed: createLargeOkxSeed({ subAccounts: 250, keysPerSub: 0 }) });
    const accounts = await adapter.fetchSubAccounts(MASTER);
    expect(new Set(accounts.map((account) => account.name)).size).toBe(250);
    const pages = subAccountPages(requests);
    expect(pages).toHaveLength(3);
    expect(pages[0]).toBe('?limit=100');
    expect(pages[1]).toMatch(/^\?after=\d+&limit=100$/);
  });

  it('does not skip sub-accounts created in the same millisecond as a page boundary', async () => {
    const seed = createLargeOkxSeed({ subAccounts: 7, keysPerSub: 0 });
    // Newest first: sub00007, then three created in one millisecond, of which the first page holds only two.
    for (const sub of seed.subAccounts.slice(3, 6)) sub.createdAtMs = seed.subAccounts[3]!.createdAtMs;
    const { adapter, requests } = await setup({ seed }, { subAccountPageSize: 3 });
    const accounts = await adapter.fetchSubAccounts(MASTER);
    expect(accounts.map((account) => account.name).sort()).toEqual(seed.subAccounts.map((sub) => sub.subAcct).sort());
    expect(subAccountPages(requests).length).toBeLessThanOrEqual(6);
  });

  it('paces sub-account pages to 2 per 2 s instead of provoking 50011', async () => {
    const { adapter, state, sleeps } = await setup({ seed: createLargeOkxSeed({ subAccounts: 9, keysPerSub: 0 }) }, { subAccountPageSize: 2 });
    expect(await adapter.fetchSubAccounts(MASTER)).toHaveLength(9);
    expect(state.stats.rateLimited).toBe(0);
    expect(sleeps.length).toBeGreaterThanOrEqual(2);
  });

  describe('with a sub-account key as connection', () => {
    it('reads the calling key as a sub-account key named by its uid, not revocable from here', async () => {
      const { adapter, state } = await setup();
      expect(await adapter.fetchCallingKey(SUB)).toMatchObject({
        account: { kind: 'sub', name: state.findSubAccount('treasuryops')!.uid },
        permissions: ['read_only'],
        isCallingKey: true,
        revocability: { canRevoke: false, how: 'website-only' },
      });
    });

    it('finds no sub-accounts, without asking for them', async () => {
      const { adapter, requests } = await setup();
      expect(await adapter.fetchSubAccounts(SUB)).toEqual([]);
      expect(subAccountPages(requests)).toEqual([]);
    });

    it('reports 59500 when it lists a sub-account anyway', async () => {
      const { adapter } = await setup();
      expect(await rejection(adapter.fetchSubAccountKeys(SUB, GRIDBOT))).toMatchObject({ kind: 'permission-denied', exchangeCode: '59500' });
    });

    it('refuses to revoke without calling the delete endpoint', async () => {
      const { adapter, state, requests } = await setup();
      const apiKey = state.listKeys(GRIDBOT)[0]!.apiKey;
      expect((await rejection(adapter.revokeKey(SUB, { account: GRIDBOT, apiKey }, undefined))).kind).toBe('permission-denied');
      expect(requests.some((request) => request.method === 'POST')).toBe(false);
      expect(state.findKey(apiKey)).toBeDefined();
    });
  });

  describe('revokeKey', () => {
    it('deletes a sub-account key with a signed JSON body', async () => {
      const { adapter, state, requests } = await setup();
      const apiKey = state.listKeys(GRIDBOT)[1]!.apiKey;
      await adapter.revokeKey(MASTER, { account: GRIDBOT, apiKey }, undefined);
      expect(state.findKey(apiKey)).toBeUndefined();
      const deletion = requests.find((request) => request.method === 'POST');
      expect(deletion?.url).toMatch(/\/okx\/api\/v5\/users\/subaccount\/delete-apikey$/);
      expect(deletion?.body).toBe(JSON.stringify({ subAcct: 'gridbot02', apiKey }));
    });

    it('reports a key that is already gone as not-found', async () => {
      const { adapter, state } = await setup();
      const apiKey = state.listKeys(GRIDBOT)[0]!.apiKey;
      state.deleteKey(GRIDBOT, apiKey);
      expect(await rejection(adapter.revokeKey(MASTER, { account: GRIDBOT, apiKey }, undefined))).toMatchObject({ kind: 'not-found', exchangeCode: '59506' });
    });

    it('marks keys not revocable and reports 50035 when the master key is bound to no IP', async () => {
      const { adapter, state } = await setup();
      const [key] = await adapter.fetchSubAccountKeys(UNRESTRICTED, GRIDBOT);
      expect(key?.revocability).toMatchObject({ canRevoke: false, how: 'website-only', reason: expect.stringMatching(/bound to IP addresses/) });
      const error = await rejection(adapter.revokeKey(UNRESTRICTED, { account: GRIDBOT, apiKey: key!.apiKey }, undefined));
      expect(error).toMatchObject({ kind: 'permission-denied', exchangeCode: '50035' });
      expect(state.findKey(key!.apiKey)).toBeDefined();
    });

    it('never posts a masked id: OKX may list sub-account keys as "******"', async () => {
      const { adapter, state, requests, variant } = await setup();
      variant.set({ subAccountApiKeyIds: 'masked' });
      const keys = await adapter.fetchSubAccountKeys(MASTER, GRIDBOT);
      expect(keys.length).toBe(state.listKeys(GRIDBOT).length);
      expect(keys.every((key) => key.apiKey === '******')).toBe(true);
      const error = await rejection(adapter.revokeKey(MASTER, { account: GRIDBOT, apiKey: '******' }, undefined));
      expect(error).toMatchObject({ kind: 'invalid-request', message: expect.stringContaining("OKX's API management page") });
      expect(requests.filter((request) => request.method === 'POST')).toEqual([]);
      expect(state.listKeys(GRIDBOT).length).toBe(keys.length);
    });

    it('refuses master-account keys without calling OKX', async () => {
      const { adapter, requests } = await setup();
      const error = await rejection(adapter.revokeKey(MASTER, { account: { kind: 'master', name: 'master' }, apiKey: 'x' }, undefined));
      expect(error).toMatchObject({ kind: 'invalid-request', message: expect.stringContaining('master-account keys') });
      expect(requests).toEqual([]);
    });
  });

  describe('restrictKey', () => {
    it('binds a key to IPs passing only `ip`, and the re-read shows exactly that', async () => {
      const { adapter, state, requests } = await setup();
      const [key] = await adapter.fetchSubAccountKeys(MASTER, GRIDBOT);
      const plan = planFor('okx', { ...key!, ipWhitelist: null }, { ips: ['203.0.113.7', '2001:db8::/48'] });
      await adapter.restrictKey!(MASTER, { account: GRIDBOT, apiKey: key!.apiKey }, plan, undefined);
      const sent = JSON.parse(requests.find((request) => request.method === 'POST')!.body!);
      expect(sent).toEqual({ subAcct: 'gridbot02', apiKey: key!.apiKey, ip: '203.0.113.7,2001:db8::/48' });
      expect(state.findKey(key!.apiKey)?.key.ip).toBe('203.0.113.7,2001:db8::/48');
      expect(state.findKey(key!.apiKey)?.key.perm).toBe(state.listKeys(GRIDBOT).find((k) => k.apiKey === key!.apiKey)!.perm);
      const [reread] = (await adapter.fetchSubAccountKeys(MASTER, GRIDBOT)).filter((candidate) => candidate.apiKey === key!.apiKey);
      expect(reread?.ipWhitelist).toEqual(['203.0.113.7', '2001:db8::/48']);
    });

    it('drops trade by resetting perm to read_only, leaving the IPs as they were', async () => {
      const { adapter, state } = await setup();
      const keys = await adapter.fetchSubAccountKeys(MASTER, GRIDBOT);
      const trading = keys.find((key) => key.permissions.includes('trade'))!;
      const ipBefore = state.findKey(trading.apiKey)!.key.ip;
      await adapter.restrictKey!(MASTER, { account: GRIDBOT, apiKey: trading.apiKey }, planFor('okx', trading, { drop: ['trade'] }), undefined);
      expect(state.findKey(trading.apiKey)!.key).toMatchObject({ perm: 'read_only', ip: ipBefore });
    });

    it('reports 50035 when the master key is bound to no IP, and changes nothing', async () => {
      const { adapter, state } = await setup();
      const [key] = await adapter.fetchSubAccountKeys(UNRESTRICTED, GRIDBOT);
      const ipBefore = state.findKey(key!.apiKey)!.key.ip;
      const plan = planFor('okx', { ...key!, ipWhitelist: null }, { ips: ['203.0.113.7'] });
      const error = await rejection(adapter.restrictKey!(UNRESTRICTED, { account: GRIDBOT, apiKey: key!.apiKey }, plan, undefined));
      expect(error).toMatchObject({ kind: 'permission-denied', exchangeCode: '50035' });
      expect(state.findKey(key!.apiKey)!.key.ip).toBe(ipBefore);
    });

    it('never addresses a masked key or a master key', async () => {
      const { adapter, requests } = await setup();
      const [key] = await adapter.fetchSubAccountKeys(MASTER, GRIDBOT);
      const plan = planFor('okx', { ...key!, ipWhitelist: null }, { ips: ['203.0.113.7'] });
      requests.length = 0;
      expect((await rejection(adapter.restrictKey!(MASTER, { account: GRIDBOT, apiKey: '******' }, plan, undefined))).kind).toBe('invalid-request');
      expect((await rejection(adapter.restrictKey!(MASTER, { account: { kind: 'master', name: 'master' }, apiKey: 'x' }, plan, undefined))).kind).toBe('invalid-request');
      expect(requests).toEqual([]);
    });
  });

  describe('clock skew', () => {
    it('signs with the offset learned from the server time', async () => {
      const { adapter, state } = await setup();
      state.setFaults({ clockSkewMs: 120_000 });
      expect((await adapter.fetchCallingKey(MASTER)).account.kind).toBe('master');
    });

    it('re-syncs and retries once when the clock drifts later', async () => {
      const { adapter, state, requests } = await setup();
      await adapter.fetchCallingKey(MASTER);
      state.setFaults({ clockSkewMs: -60_000 });
      await adapter.fetchSubAccountKeys(MASTER, GRIDBOT);
      expect(requests.filter((request) => request.url.endsWith('/api/v5/public/time'))).toHaveLength(2);
    });

    it('reports clock-skew when the server clock keeps moving', async () => {
      let skewMs = 0;
      const { adapter, state } = await setup({}, {
        transport: async (request) => {
          const response = await fetchTransport(request);
          skewMs += 45_000;
          state.setFaults({ clockSkewMs: skewMs });
          return response;
        },
      });
      expect(await rejection(adapter.fetchCallingKey(MASTER))).toMatchObject({ kind: 'clock-skew', exchangeCode: '50102' });
    });
  });

  describe('rate limits', () => {
    it('waits a window after a 50011 and then succeeds', async () => {
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
      expect(sleeps).toEqual([2_000]);
    });

    it('gives up as rate-limited when OKX keeps refusing', async () => {
      const { adapter, state } = await setup();
      state.setFaults({ rateLimitEveryRequest: true });
      expect(await rejection(adapter.fetchCallingKey(MASTER))).toMatchObject({ kind: 'rate-limited', exchangeCode: '50011' });
      expect(state.stats.rateLimited).toBe(4);
    });
  });

  describe('failures', () => {
    it('fails one sub-account after retrying while the others work', async () => {
      const { adapter, state, sleeps } = await setup();
      state.setFaults({ failSubAccounts: ['taxreports'] });
      const error = await rejection(adapter.fetchSubAccountKeys(MASTER, { kind: 'sub', name: 'taxreports' }));
      expect(error).toMatchObject({ kind: 'exchange-error', exchangeCode: '50026' });
      expect(sleeps).toHaveLength(2);
      expect(await adapter.fetchSubAccountKeys(MASTER, { kind: 'sub', name: 'arbdesk2024' })).toHaveLength(2);
    });

    it('does not repeat a delete after a server error', async () => {
      const { adapter, state, requests } = await setup();
      state.setFaults({ failSubAccounts: ['gridbot02'] });
      const apiKey = state.listKeys(GRIDBOT)[0]!.apiKey;
      expect((await rejection(adapter.revokeKey(MASTER, { account: GRIDBOT, apiKey }, undefined))).kind).toBe('exchange-error');
      expect(requests.filter((request) => request.method === 'POST')).toHaveLength(1);
    });

    it('reports a garbage answer as bad-response without its text', async () => {
      const { adapter, state } = await setup();
      await adapter.fetchCallingKey(MASTER);
      state.setFaults({ garbage: true });
      const error = await rejection(adapter.fetchSubAccountKeys(MASTER, GRIDBOT));
      expect(error.kind).toBe('bad-response');
      expect(JSON.stringify({ message: error.message, failure: error.toFailure() })).not.toMatch(/garbage|html|502/i);
    });

    it.each([
      ['a wrong secret', 'bad-signature', '50113', { secret: redact('KA_CANARY_SECRET') }],
      ['a wrong passphrase', 'bad-passphrase', '50105', { passphrase: redact('KA_CANARY_PASSPHRASE') }],
      ['an unknown key', 'unknown-key', '50111', { apiKey: '00000000-0000-4000-a000-000000000000' }],
    ])('reports %s as %s, without the secrets', async (_name, kind, exchangeCode, override) => {
      const { adapter } = await setup();
      const error = await rejection(adapter.fetchCallingKey({ ...MASTER, ...override }));
      expect(error).toMatchObject({ kind, exchangeCode });
      expect(`${error.message} ${JSON.stringify(error.toFailure())}`).not.toMatch(/KA_CANARY|Demo-master-pass1/);
    });

    it("reports a machine outside the key's whitelist as ip-not-allowed", async () => {
      const seed = createOkxDemoSeed();
      seed.master.keys[0]!.ip = '203.0.113.99';
      const { adapter } = await setup({ seed });
      const error = await rejection(adapter.fetchCallingKey(MASTER));
      expect(error).toMatchObject({ kind: 'ip-not-allowed', exchangeCode: '50110', message: "This machine's IP address is not on the key's IP whitelist." });
    });

    it('reports an unreachable exchange after retrying', async () => {
      const { baseUrl } = await setup();
      await loopback.closeAll();
      const sleeps: number[] = [];
      const adapter = createOkxAdapter({ transport: fetchTransport, baseUrl, now: () => clockMs, sleep: async (ms) => void sleeps.push(ms) });
      expect((await rejection(adapter.fetchCallingKey(MASTER))).kind).toBe('unreachable');
      expect(sleeps).toHaveLength(2);
    });
  });
});
