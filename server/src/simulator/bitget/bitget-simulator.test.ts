// The simulator's own checks, with requests signed by hand here (node:crypto), not by bitget-sign.ts.
import { createHmac } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createBitgetSimulator, type BitgetSimulatorOptions } from './bitget-simulator.ts';
import { BITGET_DEMO_CONNECTION, BITGET_DEMO_UNIFIED_ACCOUNT_KEY, BITGET_DEMO_UNKNOWN_WORD, createBitgetDemoSeed } from './bitget-demo-seed.ts';

const PATH = '/api/v2/spot/account/info';
const START_MS = Date.UTC(2026, 10, 1);
let clockMs: number;
beforeEach(() => void (clockMs = START_MS));

function setup(options: BitgetSimulatorOptions = {}) {
  const simulator = createBitgetSimulator({ now: () => clockMs, seed: createBitgetDemoSeed(), requestsPerSecond: 100, ...options });
  const app = express();
  app.use(simulator.router);
  return { ...simulator, app };
}

type Signer = { apiKey: string; secret: string; passphrase: string };
function call(app: express.Express, signer: Signer = BITGET_DEMO_CONNECTION, { timestamp = String(clockMs), query = '', path = PATH } = {}) {
  // The queries here are already sorted by name and need no encoding.
  const signed = timestamp + 'GET' + path + (query ? `?${query}` : '');
  const sign = createHmac('sha256', signer.secret).update(signed).digest('base64');
  return request(app).get(query ? `${path}?${query}` : path).set({ 'ACCESS-KEY': signer.apiKey, 'ACCESS-SIGN': sign, 'ACCESS-TIMESTAMP': timestamp, 'ACCESS-PASSPHRASE': signer.passphrase });
}

describe('Bitget simulator', () => {
  it("answers account info with the key's authorities and IPs in Bitget's envelope", async () => {
    const { app } = setup();
    const answer = await call(app);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ code: '00000', msg: 'success', data: { authorities: ['stor', 'stow', 'coor', 'coow', 'cpor', 'cpow', 'wtor', 'wtow'], ips: '127.0.0.1' } });
    expect(JSON.stringify(answer.body)).not.toContain(BITGET_DEMO_CONNECTION.secret);
  });

  it('checks the signature over the sorted, decoded query', async () => {
    const { app } = setup();
    expect((await call(app, BITGET_DEMO_CONNECTION, { query: 'b=2&a=1' })).body.code).toBe('40009');
    const sign = createHmac('sha256', BITGET_DEMO_CONNECTION.secret).update(`${clockMs}GET${PATH}?a=x y&b=2`).digest('base64');
    const sorted = await request(app).get(`${PATH}?b=2&a=x%20y`).set({
      'ACCESS-KEY': BITGET_DEMO_CONNECTION.apiKey, 'ACCESS-SIGN': sign, 'ACCESS-TIMESTAMP': String(clockMs), 'ACCESS-PASSPHRASE': BITGET_DEMO_CONNECTION.passphrase,
    });
    expect(sorted.body.code).toBe('00000');
  });

  it.each([
    ['an unknown key', { ...BITGET_DEMO_CONNECTION, apiKey: 'bg_nobody' }, {}, '40006'],
    ['a wrong secret', { ...BITGET_DEMO_CONNECTION, secret: 'wrong' }, {}, '40009'],
    ['a wrong passphrase', { ...BITGET_DEMO_CONNECTION, passphrase: 'wrong' }, {}, '40012'],
    ['a stale timestamp', BITGET_DEMO_CONNECTION, { timestamp: String(START_MS - 31_000) }, '40008'],
  ])('refuses %s', async (_name, signer, overrides, code) => {
    const { app } = setup();
    expect((await call(app, signer, overrides)).body.code).toBe(code);
  });

  it('refuses a caller outside the bound IPs, and answers 40085 to a unified trading account', async () => {
    const { app, state } = setup();
    state.findKey(BITGET_DEMO_CONNECTION.apiKey)!.key.ips = '203.0.113.7,198.51.100.1';
    expect((await call(app)).body.code).toBe('40018');
    const unified = await call(app, BITGET_DEMO_UNIFIED_ACCOUNT_KEY);
    expect(unified.status).toBe(400);
    expect(unified.body.code).toBe('40085');
  });

  const SUBS = '/api/v2/user/virtual-subaccount-list';
  const SUB_KEYS = '/api/v2/user/virtual-subaccount-apikey-list';

  it('pages the virtual sub-accounts newest first: endId of one page is idLessThan of the next', async () => {
    const { app, state } = setup();
    const uids = state.listSubAccounts().map((sub) => sub.subAccountUid).sort().reverse();
    const first = (await call(app, BITGET_DEMO_CONNECTION, { path: SUBS, query: 'limit=2' })).body;
    expect(first.code).toBe('00000');
    expect(first.data.subAccountList.map((sub: { subAccountUid: string }) => sub.subAccountUid)).toEqual(uids.slice(0, 2));
    expect(first.data.endId).toBe(uids[1]);
    const second = (await call(app, BITGET_DEMO_CONNECTION, { path: SUBS, query: `idLessThan=${first.data.endId}&limit=2` })).body;
    expect(second.data.subAccountList.map((sub: { subAccountUid: string }) => sub.subAccountUid)).toEqual(uids.slice(2));
    expect((await call(app, BITGET_DEMO_CONNECTION, { path: SUBS, query: 'status=freeze' })).body.data.subAccountList).toHaveLength(1);
    expect((await call(app, BITGET_DEMO_CONNECTION, { path: SUBS, query: 'limit=501' })).body.code).toBe('40017');
  });

  it("lists a sub-account's keys with permList and ipList (empty: no binding), an unknown word included, never a secret", async () => {
    const { app, state } = setup();
    const seeded = state.listSubAccounts().flatMap((sub) => sub.keys.map((key) => ({ uid: sub.subAccountUid, key })));
    const answers = await Promise.all(state.listSubAccounts().map((sub) => call(app, BITGET_DEMO_CONNECTION, { path: SUB_KEYS, query: `subAccountUid=${sub.subAccountUid}` })));
    const listed = answers.flatMap((answer) => answer.body.data as { subAccountApiKey: string; permList: string[]; ipList: string[] }[]);
    expect(listed.map((key) => key.subAccountApiKey)).toEqual(seeded.map(({ key }) => key.apiKey));
    expect(listed.some((key) => key.ipList.length === 0)).toBe(true);
    expect(listed.some((key) => key.permList.includes(BITGET_DEMO_UNKNOWN_WORD))).toBe(true);
    for (const { key } of seeded) expect(JSON.stringify(listed)).not.toContain(key.secret);
    expect((await call(app, BITGET_DEMO_CONNECTION, { path: SUB_KEYS, query: 'subAccountUid=1' })).body.code).toBe('40017');
    state.setFaults({ failSubAccounts: [seeded[0]!.uid] });
    expect((await call(app, BITGET_DEMO_CONNECTION, { path: SUB_KEYS, query: `subAccountUid=${seeded[0]!.uid}` })).status).toBe(500);
  });

  it("refuses both lists to a main key bound to no IP and to a sub-account's own key", async () => {
    const { app, state } = setup();
    const [sub] = state.listSubAccounts();
    state.findKey(BITGET_DEMO_CONNECTION.apiKey)!.key.ips = '';
    expect((await call(app, BITGET_DEMO_CONNECTION, { path: SUBS })).body.code).toBe('40014');
    expect((await call(app, BITGET_DEMO_CONNECTION, { path: SUB_KEYS, query: `subAccountUid=${sub!.subAccountUid}` })).body.code).toBe('40014');
    // Bound to this machine, yet a sub-account's.
    const subKey = sub!.keys[0]!;
    subKey.ips = '127.0.0.1';
    expect((await call(app, subKey, { path: SUBS })).body.code).toBe('40014');
  });

  it('allows one call a second per UID by default, with HTTP 429 beyond', async () => {
    const { app, state } = setup({ requestsPerSecond: undefined });
    expect((await call(app)).body.code).toBe('00000');
    const refused = await call(app);
    expect(refused.status).toBe(429);
    expect(state.stats.rateLimited).toBe(1);
    clockMs += 1_000;
    expect((await call(app)).body.code).toBe('00000');
    // A sub-account's key list allows five a second.
    const query = `subAccountUid=${state.listSubAccounts()[0]!.subAccountUid}`;
    for (let index = 0; index < 5; index += 1) expect((await call(app, BITGET_DEMO_CONNECTION, { path: SUB_KEYS, query })).body.code).toBe('00000');
    expect((await call(app, BITGET_DEMO_CONNECTION, { path: SUB_KEYS, query })).status).toBe(429);
  });
});
