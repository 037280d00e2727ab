// The adapter against its simulator for what the shared contract suite does not cover: paging, the parent's other keys,
// and revoking without Trade.
import { afterEach, describe, expect, it } from 'vitest';
import { fetchTransport } from '../http-transport.ts';
import { redact } from '../../secrets/redacted.ts';
import { startSimulator, type RunningSimulator } from '../../simulator/create-simulator.ts';
import { HTX_DEMO_CONNECTION } from '../../simulator/htx/htx-demo-seed.ts';
import { createHtxAdapter } from './htx-adapter.ts';

let simulator: RunningSimulator | undefined;
afterEach(async () => simulator?.close());

const CREDENTIALS = { apiKey: HTX_DEMO_CONNECTION.apiKey, secret: redact(HTX_DEMO_CONNECTION.secret) };
const adapterFor = (running: RunningSimulator) => createHtxAdapter({ transport: fetchTransport, baseUrl: running.baseUrls.htx, now: Date.now, sleep: async () => {} });

describe(createHtxAdapter.name, () => {
  it('follows nextId through every page of sub users', async () => {
    simulator = await startSimulator({ rateLimits: 'relaxed', htx: { subUserPageSize: 2 } });
    const adapter = adapterFor(simulator);
    await adapter.fetchCallingKey(CREDENTIALS);
    const subs = await adapter.fetchSubAccounts(CREDENTIALS);
    expect(subs.map((account) => account.name)).toEqual(simulator.htx.state.listSubAccounts().map((sub) => sub.uid));
    expect(subs.length).toBeGreaterThan(2);
  });

  it("lists the parent user's other keys, none of them revocable, and not the calling key", async () => {
    simulator = await startSimulator({ rateLimits: 'relaxed' });
    const adapter = adapterFor(simulator);
    const others = (await adapter.fetchOtherMasterKeys!(CREDENTIALS)).keys;
    const parentKeys = simulator.htx.state.listAllKeys().filter((key) => key.account === 'master' && key.apiKey !== CREDENTIALS.apiKey);
    expect(others.map((key) => key.apiKey).sort()).toEqual(parentKeys.map((key) => key.apiKey).sort());
    expect(others.every((key) => !key.revocability.canRevoke && key.account.kind === 'master')).toBe(true);
  });

  it("refuses to revoke through a key without Trade, and deletes nothing", async () => {
    simulator = await startSimulator({ rateLimits: 'relaxed' });
    simulator.htx.state.findKey(CREDENTIALS.apiKey)!.key.permission = 'readOnly';
    const adapter = adapterFor(simulator);
    const [sub] = await adapter.fetchSubAccounts(CREDENTIALS);
    const [victim] = await adapter.fetchSubAccountKeys(CREDENTIALS, sub!);
    expect(victim!.revocability).toMatchObject({ canRevoke: false, how: 'website-only' });
    await expect(adapter.revokeKey(CREDENTIALS, { account: sub!, apiKey: victim!.apiKey }, undefined)).rejects.toMatchObject({ kind: 'permission-denied' });
    expect(simulator.htx.state.findKey(victim!.apiKey)).toBeDefined();
  });
});

describe('HTX client pacing', () => {
  it('sends a burst of ten at once and holds the eleventh until the first is a second old', async () => {
    let nowMs = 1_800_000_000_000;
    const slept: number[] = [];
    const sent: number[] = [];
    const adapter = createHtxAdapter({
      baseUrl: 'https://api.huobi.pro',
      now: () => nowMs,
      sleep: async (ms) => void (slept.push(ms), (nowMs += ms)),
      transport: async (request) => {
        sent.push(nowMs);
        const path = new URL(request.url).pathname;
        const data = path === '/v1/common/timestamp' ? nowMs : path === '/v2/user/uid' ? 1 : path === '/v2/sub-user/user-list' ? [] : [{ accessKey: 'AK', permission: 'readOnly' }];
        return { status: 200, headers: {}, body: JSON.stringify(path.startsWith('/v1/') ? { status: 'ok', data } : { code: 200, data }) };
      },
    });
    const credentials = { apiKey: 'AK', secret: redact('s') };
    await adapter.fetchCallingKey(credentials);
    for (let call = 0; call < 4; call += 1) await adapter.fetchSubAccountKeys(credentials, { kind: 'sub', name: String(call) });
    for (let call = 0; call < 4; call += 1) await adapter.fetchOtherMasterKeys!(credentials);
    expect(slept).toEqual([]);
    await adapter.fetchOtherMasterKeys!(credentials);
    expect(slept).toEqual([1_000]);
    expect(sent.at(-1)! - sent[1]!).toBe(1_000);
  });
});
