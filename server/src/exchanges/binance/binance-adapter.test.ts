// The adapter against the simulator over real HTTP on 127.0.0.1: signing, paging, normalizing, caching, revoking,
// clock skew, weight budgets and failures end to end. Sleeps advance a fake clock shared by both sides.
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exchangeKeySchema } from '@contract/audited-key.ts';
import { createBinanceAdapter, type BinanceAdapterDeps } from './binance-adapter.ts';
import { createBinanceSimulator, type BinanceSimulatorOptions } from '../../simulator/binance/binance-simulator.ts';
import {
  BINANCE_DEMO_CONNECTION,
  BINANCE_DEMO_REFERENCE_MS,
  BINANCE_DEMO_SUB_CONNECTION,
  createBinanceDemoSeed,
  createLargeBinanceSeed,
} from '../../simulator/binance/binance-demo-seed.ts';
import { createLoopbackServers } from '../../../test/test-support/loopback-server.ts';
import { rejection } from '../../../test/test-support/exchange-error-catchers.ts';
import { fetchTransport, type HttpRequest, type HttpResponse } from '../http-transport.ts';
import { redact } from '../../secrets/redacted.ts';
import type { Credentials } from '../exchange-adapter.ts';
import { planFor } from '../../../test/test-support/restriction-plans.ts';

const MASTER: Credentials = { apiKey: BINANCE_DEMO_CONNECTION.apiKey, secret: redact(BINANCE_DEMO_CONNECTION.secret) };
const SUB: Credentials = { apiKey: BINANCE_DEMO_SUB_CONNECTION.apiKey, secret: redact(BINANCE_DEMO_SUB_CONNECTION.secret) };
const TREASURY = { kind: 'sub', name: 'treasury+ops@acme-capital.io' } as const;
const TAX = { kind: 'sub', name: 'tax-reports_virtual@7qk2nfnoemail.com' } as const;

let clockMs: number;
const loopback = createLoopbackServers();
beforeEach(() => {
  clockMs = BINANCE_DEMO_REFERENCE_MS + 10_000;
});
afterEach(() => loopback.closeAll());

type Intercept = (request: HttpRequest) => Promise<HttpResponse | undefined> | HttpResponse | undefined;

async function setup(options: BinanceSimulatorOptions = {}, deps: Partial<BinanceAdapterDeps> = {}) {
  const simulator = createBinanceSimulator({ now: () => clockMs, ...options });
  const app = express();
  app.use(simulator.router);
  const baseUrl = await loopback.listen(app);
  const sleeps: number[] = [];
  const requests: HttpRequest[] = [];
  const intercepts: Intercept[] = [];
  const adapter = createBinanceAdapter({
    transport: async (request) => {
      requests.push(request);
      for (const intercept of intercepts) {
        const response = await intercept(request);
        if (response) return response;
      }
      const response = await fetchTransport(request);
      if (process.env.DEBUG_BINANCE) console.log(clockMs, request.method, request.url.replace(/\?.*/, ''), response.status, response.body.slice(0, 80));
      return response;
    },
    baseUrl,
    now: () => clockMs,
    sleep: async (ms) => {
      sleeps.push(ms);
      clockMs += ms;
    },
    ...deps,
  });
  const pathsOf = (fragment: string) => requests.filter((request) => request.url.includes(fragment));
  return { ...simulator, adapter, sleeps, requests, intercepts, pathsOf, baseUrl };
}

describe(createBinanceAdapter.name, () => {
  it('reads the calling master key, masked, with its restriction flag as an unknown whitelist', async () => {
    const { adapter } = await setup();
    const key = await adapter.fetchCallingKey(MASTER);
    expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(key).toMatchObject({
      exchange: 'binance',
      account: { kind: 'master', name: 'master' },
      apiKey: `${MASTER.apiKey.slice(0, 4)}…${MASTER.apiKey.slice(-4)}`,
      permissions: ['enableReading', 'enableSpotAndMarginTrading'],
      ipWhitelist: 'unknown',
      isCallingKey: true,
      revocability: { canRevoke: false, how: 'website-only' },
    });
    expect(key.capabilities).toContainEqual({ capability: 'manage-subaccounts', from: 'enableSpotAndMarginTrading', isUncertain: true });
    expect(JSON.stringify(key)).not.toContain(MASTER.apiKey);
  });

  it('lists every sub-account of the demo', async () => {
    const { adapter, state } = await setup();
    const accounts = await adapter.fetchSubAccounts(MASTER);
    expect(accounts).toEqual(state.listSubAccounts().map((sub) => ({ kind: 'sub', name: sub.email })));
  });

  it('follows every page of sub-accounts', async () => {
    const { adapter, pathsOf } = await setup({ seed: createLargeBinanceSeed({ subAccounts: 450, keysPerSub: 0 }) });
    const accounts = await adapter.fetchSubAccounts(MASTER);
    expect(new Set(accounts.map((account) => account.name)).size).toBe(450);
    expect(pathsOf('/sub-account/list').map((request) => new URL(request.url).searchParams.get('page'))).toEqual(['1', '2', '3']);
  });

  it('uses a smaller page size when told to', async () => {
    const { adapter, pathsOf } = await setup({}, { subAccountPageSize: 2 });
    expect(await adapter.fetchSubAccounts(MASTER)).toHaveLength(5);
    expect(pathsOf('/sub-account/list')).toHaveLength(3);
  });

  it('lists and normalizes the keys of a sub-account whose email has + and @, IP lists included', async () => {
    const { adapter, state, requests } = await setup();
    const keys = await adapter.fetchSubAccountKeys(MASTER, TREASURY);
    expect(keys.map((key) => key.apiKey)).toEqual(state.listKeys(TREASURY).map((key) => key.apiKey));
    for (const key of keys) expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(keys.find((key) => key.label === 'treasury-sweeper')?.ipWhitelist).toEqual(['203.0.113.50']);
    expect(keys.find((key) => key.label === 'ops-script-2023')).toMatchObject({
      account: TREASURY,
      permissions: ['canTrade', 'canFuturesTrade', 'canUniversalTransfer', 'canVanillaOptions'],
      ipWhitelist: null,
      isCallingKey: false,
      revocability: { canRevoke: true, how: 'api' },
    });
    expect(keys.every((key) => key.observedAt === undefined)).toBe(true);
    expect(requests.find((request) => request.url.includes('/subAccountApi?'))?.url).toContain('email=treasury%2Bops%40acme-capital.io&page=1&size=100');
  });

  it('follows every page of keys', async () => {
    const { adapter, pathsOf } = await setup({ seed: createLargeBinanceSeed({ subAccounts: 1, keysPerSub: 5 }) }, { keyPageSize: 2 });
    const keys = await adapter.fetchSubAccountKeys(MASTER, { kind: 'sub', name: 'sub-0001_virtual@7qk2nfnoemail.com' });
    expect(keys).toHaveLength(5);
    expect(pathsOf('/subAccountApi?')).toHaveLength(3);
    expect(pathsOf('/ipRestriction?')).toHaveLength(5);
  });

  describe('restrictKey', () => {
    const GRID = { kind: 'sub', name: 'grid-bots_virtual@7qk2nfnoemail.com' } as const;
    const listed = async (adapter: Awaited<ReturnType<typeof setup>>['adapter'], account: typeof GRID | typeof TREASURY, name: string) =>
      (await adapter.fetchSubAccountKeys(MASTER, account)).find((key) => key.label === name)!;

    it('sets the whitelist: inserts the new list, then deletes what else Binance still lists', async () => {
      const { adapter, state, pathsOf } = await setup();
      const key = await listed(adapter, GRID, '3commas-grid');
      await adapter.restrictKey!(MASTER, { account: GRID, apiKey: key.apiKey }, planFor('binance', key, { ips: ['18.141.22.9'] }), undefined);
      expect(pathsOf('/sapi/v2/sub-account/subAccountApi/ipRestriction').map((request) => request.method)).toEqual(['POST']);
      expect(pathsOf('/ipRestriction/ipList').map((request) => request.method)).toEqual(['DELETE']);
      expect(state.findKey(key.apiKey)!.key.ipList).toEqual(['18.141.22.9']);
      expect((await listed(adapter, GRID, '3commas-grid')).ipWhitelist).toEqual(['18.141.22.9']);
    });

    it('drops a flag by sending every flag, the others as they were', async () => {
      const { adapter, state, pathsOf } = await setup();
      const key = await listed(adapter, GRID, 'pionex-style-grid');
      await adapter.restrictKey!(MASTER, { account: GRID, apiKey: key.apiKey }, planFor('binance', key, { drop: ['trade'] }), undefined);
      const sent = new URLSearchParams(pathsOf('subAccountApiPermission')[0]!.body!);
      expect(['canTrade', 'canMarginLoanRepay', 'canFuturesTrade', 'canUniversalTransfer', 'canVanillaOptions'].map((flag) => sent.get(flag))).toEqual(['false', 'false', 'false', 'false', 'false']);
      expect(state.findKey(key.apiKey)!.key.permissions).not.toContain('enableSpotAndMarginTrading');
      const sweep = await listed(adapter, GRID, 'grid-profit-sweep');
      await adapter.restrictKey!(MASTER, { account: GRID, apiKey: sweep.apiKey }, planFor('binance', sweep, { ips: ['198.51.100.1'] }), undefined);
      expect(state.findKey(sweep.apiKey)!.key.permissions).toContain('permitsUniversalTransfer');
    });

    it('the planner refuses to drop withdraw: Binance neither reports nor changes it for sub-account keys', async () => {
      const { adapter } = await setup();
      const key = await listed(adapter, TREASURY, 'ops-script-2023');
      expect(() => planFor('binance', key, { drop: ['withdraw'] })).toThrow(/withdraw/);
    });
  });

  describe('the sub-account key cache', () => {
    it('serves a listing for 5 minutes with observedAt, then asks Binance again', async () => {
      const { adapter, requests } = await setup();
      const fetchedAtMs = clockMs;
      await adapter.fetchSubAccountKeys(MASTER, TAX);
      const sent = requests.length;
      clockMs += 4 * 60_000;
      const cached = await adapter.fetchSubAccountKeys(MASTER, TAX);
      expect(requests).toHaveLength(sent);
      expect(cached.map((key) => key.observedAt)).toEqual([new Date(fetchedAtMs).toISOString(), new Date(fetchedAtMs).toISOString()]);
      clockMs += 60_000;
      const fresh = await adapter.fetchSubAccountKeys(MASTER, TAX);
      expect(requests.length).toBeGreaterThan(sent);
      expect(fresh.every((key) => key.observedAt === undefined)).toBe(true);
    });

    it('is off with subAccountKeysCacheMs 0', async () => {
      const { adapter, pathsOf } = await setup({}, { subAccountKeysCacheMs: 0 });
      await adapter.fetchSubAccountKeys(MASTER, TAX);
      await adapter.fetchSubAccountKeys(MASTER, TAX);
      expect(pathsOf('/subAccountApi?')).toHaveLength(2);
    });

    it("leaves whitelists it could not read 'unknown' and does not keep such a listing", async () => {
      const { adapter, intercepts, pathsOf } = await setup();
      intercepts.push((request) => (request.url.includes('/ipRestriction?') ? { status: 503, headers: {}, body: '<html>busy</html>' } : undefined));
      const keys = await adapter.fetchSubAccountKeys(MASTER, TAX);
      expect(keys.map((key) => key.ipWhitelist)).toEqual(['unknown', 'unknown']);
      expect(pathsOf('/ipRestriction?')).toHaveLength(3);
      intercepts.length = 0;
      expect((await adapter.fetchSubAccountKeys(MASTER, TAX)).map((key) => key.ipWhitelist)).toEqual([['34.92.18.7'], null]);
    });
  });

  describe('with a sub-account key as connection', () => {
    it('reads the calling key without sub-account management, and finds no sub-accounts', async () => {
      const { adapter } = await setup();
      const key = await adapter.fetchCallingKey(SUB);
      expect(key).toMatchObject({ permissions: ['enableReading'], ipWhitelist: 'unknown', revocability: { canRevoke: false } });
      expect(key.capabilities.map((granted) => granted.capability)).toEqual(['read']);
      expect(await adapter.fetchSubAccounts(SUB)).toEqual([]);
    });

    it('labels the key as a sub-account, not the master: the account answers the sub-account-only transfer history', async () => {
      const { adapter, pathsOf } = await setup();
      expect((await adapter.fetchCallingKey(SUB)).account).toEqual({ kind: 'sub', name: 'unknown sub-account' });
      expect(pathsOf('/sub-account/transfer/subUserHistory')).toHaveLength(1);
      expect((await adapter.fetchCallingKey(MASTER)).account).toEqual({ kind: 'master', name: 'master' });
      expect(pathsOf('/sub-account/transfer/subUserHistory')).toHaveLength(1);
    });

    it('reports -8012 when it lists a sub-account anyway, and cannot revoke', async () => {
      const { adapter, state } = await setup();
      expect(await rejection(adapter.fetchSubAccountKeys(SUB, TAX))).toMatchObject({ kind: 'permission-denied', exchangeCode: '-8012' });
      const { apiKey } = state.listKeys(TAX)[0]!;
      expect((await rejection(adapter.revokeKey(SUB, { account: TAX, apiKey }, undefined))).kind).toBe('permission-denied');
      expect(state.findKey(apiKey)).toBeDefined();
    });
  });

  describe('when the sub-account list does not answer', () => {
    const answer = (status: number, code: number): HttpResponse => ({ status, headers: {}, body: JSON.stringify({ code, msg: 'refused' }) });

    it('labels an account without the sub-account function that is no sub-account as the master, without sub-account management', async () => {
      const { adapter, intercepts } = await setup();
      intercepts.push((request) => (request.url.includes('/sub-account/list') ? answer(400, -8012) : undefined));
      intercepts.push((request) => (request.url.includes('/subUserHistory') ? answer(400, -8012) : undefined));
      const key = await adapter.fetchCallingKey(MASTER);
      expect(key.account).toEqual({ kind: 'master', name: 'master' });
      expect(key.capabilities.map((granted) => granted.capability)).not.toContain('manage-subaccounts');
    });

    it('keeps a master whose list failed for another reason a master, so the audit goes on to report that failure', async () => {
      const { adapter, intercepts } = await setup();
      intercepts.push((request) => (request.url.includes('/sub-account/list') ? answer(500, -1001) : undefined));
      const key = await adapter.fetchCallingKey(MASTER);
      expect(key.account).toEqual({ kind: 'master', name: 'master' });
      expect(key.capabilities).toContainEqual({ capability: 'manage-subaccounts', from: 'enableSpotAndMarginTrading', isUncertain: true });
      expect((await rejection(adapter.fetchSubAccounts(MASTER))).kind).toBe('exchange-error');
    });
  });

  it("reads the key page as 'list' too, as Binance answered before the connector's 2026 rename", async () => {
    const { adapter, state } = await setup({ variant: 'sub-account-keys-list' });
    const keys = await adapter.fetchSubAccountKeys(MASTER, TREASURY);
    expect(keys.map((key) => key.apiKey)).toEqual(state.listKeys(TREASURY).map((key) => key.apiKey));
  });

  it('marks every sub-account key: withdraw not reported by Binance; third-party binding as Binance says it', async () => {
    const seed = createBinanceDemoSeed();
    seed.subAccounts.find((sub) => sub.email === TREASURY.name)!.keys.find((key) => key.apiName === 'treasury-sweeper')!.ipRestrictionStatus = 2;
    const { adapter } = await setup({ seed });
    const keys = (await Promise.all((await adapter.fetchSubAccounts(MASTER)).map((account) => adapter.fetchSubAccountKeys(MASTER, account)))).flat();
    expect(keys.every((key) => key.unreported?.includes('withdraw'))).toBe(true);
    expect(keys.filter((key) => key.isThirdPartyBound).map((key) => key.label)).toEqual(['3commas-linked']);
    expect(keys.find((key) => key.label === '3commas-linked')).toMatchObject({ ipWhitelist: 'unknown', unreported: ['withdraw', 'ip-whitelist'] });
    expect(keys.find((key) => key.label === 'treasury-sweeper')?.isThirdPartyBound).toBe(false);
    expect(keys.find((key) => key.label === 'koinly-readonly')?.isThirdPartyBound).toBeNull();
  });

  it("offers no API revoke for the keys of an asset-management sub-account, which Binance's delete does not support", async () => {
    const seed = createBinanceDemoSeed();
    seed.subAccounts.find((sub) => sub.email === TAX.name)!.isAssetManagement = true;
    const { adapter } = await setup({ seed });
    await adapter.fetchSubAccounts(MASTER);
    const keys = await adapter.fetchSubAccountKeys(MASTER, TAX);
    expect(keys.map((key) => key.revocability)).toEqual(keys.map(() => expect.objectContaining({ canRevoke: false, how: 'website-only' })));
    expect((await adapter.fetchSubAccountKeys(MASTER, TREASURY))[0]!.revocability.canRevoke).toBe(true);
  });

  describe('revokeKey', () => {
    it('deletes a sub-account key and forgets the cached listing', async () => {
      const { adapter, state, requests } = await setup();
      const before = await adapter.fetchSubAccountKeys(MASTER, TREASURY);
      const apiKey = before[2]!.apiKey;
      await adapter.revokeKey(MASTER, { account: TREASURY, apiKey }, undefined);
      expect(state.findKey(apiKey)).toBeUndefined();
      const deletion = requests.find((request) => request.method === 'DELETE');
      expect(deletion?.url).toMatch(new RegExp(`/sapi/v1/sub-account/subAccountApi\\?email=treasury%2Bops%40acme-capital\\.io&subAccountApiKey=${apiKey}&recvWindow=5000&timestamp=\\d+&signature=[0-9a-f]{64}$`));
      expect(deletion?.body).toBeUndefined();
      expect((await adapter.fetchSubAccountKeys(MASTER, TREASURY)).map((key) => key.apiKey)).not.toContain(apiKey);
    });

    it('reports a key that is already gone as not-found and sends no DELETE', async () => {
      const { adapter, state, requests } = await setup();
      const { apiKey } = state.listKeys(TREASURY)[0]!;
      state.deleteKey(TREASURY, apiKey);
      expect((await rejection(adapter.revokeKey(MASTER, { account: TREASURY, apiKey }, undefined))).kind).toBe('not-found');
      expect(requests.some((request) => request.method === 'DELETE')).toBe(false);
    });

    it('refuses master-account keys without calling Binance', async () => {
      const { adapter, requests } = await setup();
      const error = await rejection(adapter.revokeKey(MASTER, { account: { kind: 'master', name: 'master' }, apiKey: 'x' }, undefined));
      expect(error).toMatchObject({ kind: 'invalid-request', message: expect.stringContaining('sub-accounts only') });
      expect(requests).toEqual([]);
    });

    it('explains -2015 as a missing permission when a read-only master key tries to delete', async () => {
      const seed = createBinanceDemoSeed();
      seed.master.keys[0]!.permissions = ['enableReading'];
      const { adapter, state } = await setup({ seed });
      const { apiKey } = state.listKeys(TREASURY)[1]!;
      const error = await rejection(adapter.revokeKey(MASTER, { account: TREASURY, apiKey }, undefined));
      expect(error).toMatchObject({ kind: 'permission-denied', exchangeCode: '-2015', message: expect.stringContaining('Enable Spot & Margin Trading') });
      expect(state.findKey(apiKey)).toBeDefined();
    });

    it('counts a DELETE whose answer was lost as done once the key is no longer listed', async () => {
      const { adapter, state, intercepts } = await setup();
      const { apiKey } = state.listKeys(TREASURY)[1]!;
      intercepts.push(async (request) => {
        if (request.method !== 'DELETE') return undefined;
        await fetchTransport(request);
        return { status: 504, headers: {}, body: '' };
      });
      await adapter.revokeKey(MASTER, { account: TREASURY, apiKey }, undefined);
      expect(state.findKey(apiKey)).toBeUndefined();
    });
  });

  describe('clock skew', () => {
    it('signs with the offset learned from the server time', async () => {
      const { adapter, state } = await setup();
      state.setFaults({ clockSkewMs: 120_000 });
      expect((await adapter.fetchCallingKey(MASTER)).account.kind).toBe('master');
    });

    it('re-syncs and retries once when the clock drifts later', async () => {
      const { adapter, state, pathsOf } = await setup();
      await adapter.fetchCallingKey(MASTER);
      state.setFaults({ clockSkewMs: -60_000 });
      await adapter.fetchSubAccountKeys(MASTER, TAX);
      expect(pathsOf('/api/v3/time')).toHaveLength(2);
    });
  });

  describe('weight budgets', () => {
    it('paces a listing within Binance budgets (60 key calls a minute per endpoint) so that no 429 reaches it', async () => {
      const { adapter, state, sleeps } = await setup({ seed: createLargeBinanceSeed({ subAccounts: 25, keysPerSub: 3 }) });
      const keys = [];
      for (const account of await adapter.fetchSubAccounts(MASTER)) keys.push(...(await adapter.fetchSubAccountKeys(MASTER, account)));
      expect(keys).toHaveLength(75);
      expect(keys.every((key) => key.ipWhitelist !== 'unknown')).toBe(true);
      expect(state.stats.rateLimited).toBe(0);
      expect(sleeps).toEqual([50_000]);
    });

    it('waits Retry-After after a 429 and then succeeds', async () => {
      const { adapter, state, sleeps } = await setup({}, {
        sleep: async (ms) => {
          sleeps.push(ms);
          clockMs += ms;
          state.setFaults({ rateLimitEveryRequest: false });
        },
      });
      await adapter.fetchCallingKey(MASTER);
      state.setFaults({ rateLimitEveryRequest: true });
      await adapter.fetchSubAccountKeys(MASTER, TAX);
      expect(state.stats.rateLimited).toBe(1);
      expect(sleeps).toEqual([50_000]);
    });

    it('gives up as rate-limited when Binance keeps refusing', async () => {
      const { adapter, state } = await setup();
      state.setFaults({ rateLimitEveryRequest: true });
      expect((await rejection(adapter.fetchCallingKey(MASTER))).kind).toBe('rate-limited');
      expect(state.stats.rateLimited).toBe(4);
    });
  });

  describe('failures', () => {
    it('fails one sub-account after retrying while the others work', async () => {
      const { adapter, state, sleeps } = await setup();
      state.setFaults({ failSubAccounts: [TREASURY.name] });
      expect(await rejection(adapter.fetchSubAccountKeys(MASTER, TREASURY))).toMatchObject({ kind: 'exchange-error', exchangeCode: '-1001' });
      expect(sleeps).toHaveLength(2);
      expect(await adapter.fetchSubAccountKeys(MASTER, TAX)).toHaveLength(2);
    });

    it('reports a garbage answer as bad-response without its text', async () => {
      const { adapter, state } = await setup();
      await adapter.fetchCallingKey(MASTER);
      state.setFaults({ garbage: true });
      const error = await rejection(adapter.fetchSubAccountKeys(MASTER, TAX));
      expect(error.kind).toBe('bad-response');
      expect(JSON.stringify({ message: error.message, failure: error.toFailure() })).not.toMatch(/garbage|html|502/i);
    });

    it.each([
      ['a wrong secret', 'bad-signature', { secret: redact('KA_CANARY_SECRET') }],
      // Binance answers -2015 for an unknown key too; before any success that reads as "most likely the IP".
      ['an unknown key', 'ip-not-allowed', { apiKey: 'KACANARYKEY'.padEnd(64, '0') }],
      ['a malformed key', 'unknown-key', { apiKey: 'KA_CANARY-not-a-key' }],
    ])('reports %s as %s, without the secrets', async (_name, kind, override) => {
      const { adapter } = await setup();
      const error = await rejection(adapter.fetchCallingKey({ ...MASTER, ...override }));
      expect(error.kind).toBe(kind);
      expect(`${error.message} ${JSON.stringify(error.toFailure())}`).not.toMatch(/KA_?CANARY|KACANARY/);
    });

    it("reports a machine outside the key's whitelist as ip-not-allowed", async () => {
      const seed = createBinanceDemoSeed();
      seed.master.keys[0]!.ipList = ['203.0.113.99'];
      const { adapter } = await setup({ seed });
      const error = await rejection(adapter.fetchCallingKey(MASTER));
      expect(error).toMatchObject({ kind: 'ip-not-allowed', exchangeCode: '-2015', message: expect.stringContaining("not on the key's IP whitelist") });
    });

    it('reports an unreachable exchange after retrying', async () => {
      const { baseUrl } = await setup();
      await loopback.closeAll();
      const sleeps: number[] = [];
      const adapter = createBinanceAdapter({ transport: fetchTransport, baseUrl, now: () => clockMs, sleep: async (ms) => void sleeps.push(ms) });
      expect((await rejection(adapter.fetchCallingKey(MASTER))).kind).toBe('unreachable');
      expect(sleeps).toHaveLength(2);
    });
  });
});
