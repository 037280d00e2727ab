// The simulator's own checks, with requests signed by hand here (node:crypto), not by htx-sign.ts.
import { createHmac } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHtxSimulator, type HtxSimulatorOptions } from './htx-simulator.ts';
import { createHtxDemoSeed, HTX_DEMO_CONNECTION } from './htx-demo-seed.ts';

const START_MS = Date.UTC(2026, 10, 1, 12, 0, 0);
let clockMs: number;
beforeEach(() => void (clockMs = START_MS));

function setup(options: HtxSimulatorOptions = {}) {
  const simulator = createHtxSimulator({ now: () => clockMs, seed: createHtxDemoSeed(START_MS), requestsPerSecond: 100, ...options });
  const app = express();
  app.use(simulator.router);
  return { ...simulator, app };
}

type Signer = { apiKey: string; secret: string };
/** Signature V2 over METHOD, host, path and the sorted, encoded query, as the docs describe it. */
function signedPath(method: string, host: string, path: string, params: Record<string, string>, signer: Signer = HTX_DEMO_CONNECTION, timestampMs = clockMs) {
  const all = { ...params, AccessKeyId: signer.apiKey, SignatureMethod: 'HmacSHA256', SignatureVersion: '2', Timestamp: new Date(timestampMs).toISOString().slice(0, 19) };
  const query = Object.entries(all).map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).sort().join('&');
  const signature = createHmac('sha256', signer.secret).update(`${method}\n${host}\n${path}\n${query}`).digest('base64');
  return `${path}?${query}&Signature=${encodeURIComponent(signature)}`;
}
const get = (app: express.Express, path: string, params: Record<string, string> = {}, signer?: Signer, timestampMs?: number) =>
  request(app).get(signedPath('GET', 'htx.test', path, params, signer, timestampMs)).set('Host', 'htx.test');

describe('HTX simulator', () => {
  it('answers uid, the calling key by access key, and every key of the UID without one', async () => {
    const { app, state } = setup();
    const uid = (await get(app, '/v2/user/uid')).body;
    expect(uid).toEqual({ code: 200, data: 63628520 });
    const own = await get(app, '/v2/user/api-key', { uid: '63628520', accessKey: HTX_DEMO_CONNECTION.apiKey });
    expect(own.body.data).toEqual([expect.objectContaining({ accessKey: HTX_DEMO_CONNECTION.apiKey, permission: 'readOnly,trade', ipAddresses: '127.0.0.1', validDays: -1, status: 'normal' })]);
    const all = await get(app, '/v2/user/api-key', { uid: '63628520' });
    expect(all.body.data).toHaveLength(state.listKeys({ kind: 'master', name: 'master' }).length);
    expect(JSON.stringify(all.body)).not.toContain(HTX_DEMO_CONNECTION.secret);
  });

  it('pages sub users by nextId', async () => {
    const { app } = setup({ subUserPageSize: 2 });
    const first = (await get(app, '/v2/sub-user/user-list')).body;
    expect(first.data).toHaveLength(2);
    const second = (await get(app, '/v2/sub-user/user-list', { fromId: String(first.nextId) })).body;
    expect(second.data.map((user: { uid: number }) => user.uid)).toEqual([first.nextId]);
    expect(second).not.toHaveProperty('nextId');
  });

  it('refuses a wrong secret, an unknown key, a stale timestamp and a foreign IP in the gateway\'s words', async () => {
    const { app, state } = setup();
    expect((await get(app, '/v2/user/uid', {}, { ...HTX_DEMO_CONNECTION, secret: 'wrong' })).body['err-msg']).toMatch(/Verification failure/);
    expect((await get(app, '/v2/user/uid', {}, { ...HTX_DEMO_CONNECTION, apiKey: 'nobody' })).body['err-msg']).toMatch(/Incorrect Access key/);
    expect((await get(app, '/v2/user/uid', {}, undefined, START_MS - 61_000)).body['err-msg']).toMatch(/submission time/);
    state.findKey(HTX_DEMO_CONNECTION.apiKey)!.key.ipAddresses = '203.0.113.7';
    expect((await get(app, '/v2/user/uid')).body).toMatchObject({ status: 'error', 'err-code': 'api-signature-not-valid' });
  });

  it("deletes a sub user's key for a parent key with Trade, and not for a sub user's key", async () => {
    const { app, state } = setup();
    const sub = state.listSubAccounts()[0]!;
    const [victim, other] = sub.keys;
    const asSub = { apiKey: other!.accessKey, secret: other!.secret };
    const refused = await request(app).post(signedPath('POST', 'htx.test', '/v2/sub-user/api-key-deletion', {}, asSub)).set('Host', 'htx.test').type('json').send({ subUid: Number(sub.uid), accessKey: victim!.accessKey });
    expect(refused.body.code).toBe(1002);
    const deleted = await request(app).post(signedPath('POST', 'htx.test', '/v2/sub-user/api-key-deletion', {})).set('Host', 'htx.test').type('json').send({ subUid: Number(sub.uid), accessKey: victim!.accessKey });
    expect(deleted.body).toEqual({ code: 200, data: null });
    expect(state.findKey(victim!.accessKey)).toBeUndefined();
  });
});
