// The simulator's own checks, with requests signed by hand here (node:crypto), not by deribit-sign.ts.
import { createHmac } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDeribitSimulator, type DeribitSimulatorOptions } from './deribit-simulator.ts';
import { createDeribitDemoSeed, DERIBIT_DEMO_CONNECTION, DERIBIT_DEMO_REFERENCE_MS, demoDeribitClientId } from './deribit-demo-seed.ts';

type Signer = { apiKey: string; secret: string };
const MAIN: Signer = DERIBIT_DEMO_CONNECTION;

let clockMs: number;
beforeEach(() => {
  clockMs = DERIBIT_DEMO_REFERENCE_MS;
});

function setup(options: DeribitSimulatorOptions = {}) {
  const simulator = createDeribitSimulator({ now: () => clockMs, seed: createDeribitDemoSeed(), ...options });
  const app = express();
  app.use('/deribit', simulator.router);
  return { ...simulator, app };
}

/** The deri-hmac-sha256 header over the URI as the simulator sees it (mount path excluded), as Deribit's guide describes. */
function authorization(signer: Signer, uri: string, { ts = String(clockMs), nonce = 'abc123', sigOf = uri } = {}) {
  const sig = createHmac('sha256', signer.secret).update(`${ts}\n${nonce}\nGET\n${sigOf}\n\n`).digest('hex');
  return `deri-hmac-sha256 id=${signer.apiKey},ts=${ts},sig=${sig},nonce=${nonce}`;
}
const call = (app: express.Express, uri: string, header: string) => request(app).get(`/deribit${uri}`).set('Authorization', header);

describe('Deribit simulator', () => {
  it("answers list_api_keys with the caller's account keys in the documented shape, client_secret included", async () => {
    const { app } = setup();
    const response = await call(app, '/api/v2/private/list_api_keys', authorization(MAIN, '/api/v2/private/list_api_keys'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ jsonrpc: '2.0', testnet: false });
    const own = response.body.result.find((key: { client_id: string }) => key.client_id === MAIN.apiKey);
    expect(own).toMatchObject({ name: 'keyaudit', client_secret: MAIN.secret, max_scope: expect.stringContaining('account:read_write'), ip_whitelist: ['127.0.0.1'] });
    expect(response.body.result).toHaveLength(6);
  });

  it('refuses a wrong signature, a stale timestamp, an unknown or disabled key and a missing header in Deribit\'s codes', async () => {
    const { app, state } = setup();
    const uri = '/api/v2/private/list_api_keys';
    const codeOf = async (header: string) => (await call(app, uri, header)).body.error?.code;
    expect(await codeOf(authorization({ ...MAIN, secret: 'wrong' }, uri))).toBe(13009);
    expect(await codeOf(authorization(MAIN, uri, { sigOf: `${uri}?x=1` }))).toBe(13009);
    expect(await codeOf(authorization(MAIN, uri, { ts: String(clockMs - 61_000) }))).toBe(13009);
    expect(await codeOf(authorization({ apiKey: 'nobody12', secret: 'x' }, uri))).toBe(13004);
    expect(await codeOf('Bearer abc')).toBe(13009);
    state.findKey(MAIN.apiKey)!.key.enabled = false;
    expect(await codeOf(authorization(MAIN, uri))).toBe(13004);
  });

  it("refuses a caller outside the key's whitelist, and a key without the method's scope", async () => {
    const { app, state } = setup();
    const key = state.findKey(MAIN.apiKey)!.key;
    key.ipWhitelist = ['8.8.8.8'];
    const ip = await call(app, '/api/v2/private/list_api_keys', authorization(MAIN, '/api/v2/private/list_api_keys'));
    expect(ip.body.error).toEqual({ code: 13021, message: 'forbidden', data: { reason: 'ip_not_whitelisted' } });
    key.ipWhitelist = [];
    key.maxScope = 'account:read';
    const uri = '/api/v2/private/remove_api_key?id=2';
    expect((await call(app, uri, authorization(MAIN, uri))).body.error.code).toBe(13021);
    expect(state.listKeys({ kind: 'master', name: 'master' })).toHaveLength(6);
  });

  it('deletes a key of the caller\'s own account by id, and never one of another account', async () => {
    const { app, state } = setup();
    const subKey = state.findKey(demoDeribitClientId('vol_desk/vol_withdraw'))!.key;
    const foreign = `/api/v2/private/remove_api_key?id=${subKey.id}`;
    expect((await call(app, foreign, authorization(MAIN, foreign))).body.error).toMatchObject({ code: -32602 });
    expect(state.findKey(subKey.apiKey)).toBeDefined();
    const uri = '/api/v2/private/remove_api_key?id=4';
    expect((await call(app, uri, authorization(MAIN, uri))).body.result).toBe('ok');
    expect(state.listKeys({ kind: 'master', name: 'master' }).map((key) => key.id)).not.toContain(4);
  });

  it('disables a key by id and answers it; with security keys on, answers a challenge and changes nothing', async () => {
    const { app, state } = setup();
    state.requireSecurityKey(true);
    const uri = '/api/v2/private/disable_api_key?id=2';
    expect((await call(app, uri, authorization(MAIN, uri))).body.result).toMatchObject({ security_key_authorization_required: true });
    expect(state.listKeys({ kind: 'master', name: 'master' }).find((key) => key.id === 2)!.enabled).toBe(true);
    state.requireSecurityKey(false);
    expect((await call(app, uri, authorization(MAIN, uri))).body.result).toMatchObject({ id: 2, enabled: false });
  });

  it('lists the main account and its sub-accounts; answers the time unauthenticated; unknown methods as Method not found', async () => {
    const { app } = setup();
    const uri = '/api/v2/private/get_subaccounts?with_portfolio=false';
    const subs = (await call(app, uri, authorization(MAIN, uri))).body.result;
    expect(subs.map((sub: { type: string; username: string }) => `${sub.type}:${sub.username}`)).toEqual(['main:main_account', 'subaccount:vol_desk', 'subaccount:basis_bot']);
    expect((await request(app).get('/deribit/api/v2/public/get_time')).body.result).toBe(clockMs);
    expect((await call(app, '/api/v2/private/nope', authorization(MAIN, '/api/v2/private/nope'))).body.error.code).toBe(-32601);
  });

  it('spends the credit pool: 500 a request from 50,000, then too_many_requests until it refills', async () => {
    const { app, state } = setup();
    const uri = '/api/v2/private/list_api_keys';
    for (let index = 0; index < 100; index += 1) expect((await call(app, uri, authorization(MAIN, uri))).status).toBe(200);
    expect((await call(app, uri, authorization(MAIN, uri))).body.error.code).toBe(10028);
    expect(state.stats.rateLimited).toBe(1);
    clockMs += 50;
    expect((await call(app, uri, authorization(MAIN, uri))).status).toBe(200);
  });
});
