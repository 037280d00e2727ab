// The simulator's own checks, with JWTs built by hand here (node:crypto), not by coinbase-sign.ts.
import { createPrivateKey, sign } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCoinbaseSimulator } from './coinbase-simulator.ts';
import { COINBASE_DEMO_CONNECTION, createCoinbaseDemoSeed, demoCoinbaseEcKey, demoCoinbaseKeyName } from './coinbase-demo-seed.ts';

const PATH = '/api/v3/brokerage/key_permissions';
const NOW_MS = Date.UTC(2026, 10, 1);
let clockMs: number;
beforeEach(() => {
  clockMs = NOW_MS;
});

function setup() {
  const simulator = createCoinbaseSimulator({ now: () => clockMs, seed: createCoinbaseDemoSeed() });
  const app = express();
  app.use('/coinbase', simulator.router);
  return { ...simulator, app };
}

type Claims = { sub?: string; iss?: string; nbf?: number; exp?: number; uri?: string };
function jwt({ kid = COINBASE_DEMO_CONNECTION.apiKey, pem = COINBASE_DEMO_CONNECTION.secret, claims = {} as Claims, der = false } = {}) {
  const nowS = Math.floor(clockMs / 1000);
  const header = Buffer.from(JSON.stringify({ alg: 'ES256', kid, nonce: 'ab12', typ: 'JWT' })).toString('base64url');
  const body = Buffer.from(JSON.stringify({ sub: kid, iss: 'cdp', nbf: nowS, exp: nowS + 120, uri: `GET api.coinbase.com${PATH}`, ...claims })).toString('base64url');
  const signature = sign('sha256', Buffer.from(`${header}.${body}`), { key: createPrivateKey(pem), dsaEncoding: der ? 'der' : 'ieee-p1363' });
  return `${header}.${body}.${signature.toString('base64url')}`;
}
const call = (app: express.Express, token: string) => request(app).get(`/coinbase${PATH}`).set('Authorization', `Bearer ${token}`);

describe('Coinbase simulator', () => {
  it("answers key_permissions for a JWT verified with the public key of the seeded private key", async () => {
    const { app } = setup();
    const response = await call(app, jwt());
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ can_view: true, can_trade: true, can_transfer: true, can_receive: false, portfolio_type: 'DEFAULT' });
    expect(response.body).not.toHaveProperty('allowed_ips');
  });

  it.each<[string, () => string]>([
    ['another key\'s signature', () => jwt({ pem: demoCoinbaseEcKey('someone-else') })],
    ['a DER signature instead of r||s', () => jwt({ der: true })],
    ['an expired token', () => jwt({ claims: { nbf: Math.floor(clockMs / 1000) - 200, exp: Math.floor(clockMs / 1000) - 80 } })],
    ['a token not valid yet', () => jwt({ claims: { nbf: Math.floor(clockMs / 1000) + 60, exp: Math.floor(clockMs / 1000) + 180 } })],
    ['a token living longer than two minutes', () => jwt({ claims: { exp: Math.floor(clockMs / 1000) + 600 } })],
    ['another uri', () => jwt({ claims: { uri: 'GET api.coinbase.com/api/v3/brokerage/accounts' } })],
    ['another issuer', () => jwt({ claims: { iss: 'coinbase-cloud' } })],
    ['an unknown key name', () => jwt({ kid: demoCoinbaseKeyName('nobody') })],
  ])('refuses %s with a bare 401', async (_name, token) => {
    const { app } = setup();
    const response = await call(app, token());
    expect(response.status).toBe(401);
    expect(response.text).toBe('Unauthorized\n');
  });

  it('refuses a caller outside the allowlist like any refused key, and a key without View with 403 PERMISSION_DENIED', async () => {
    const { app, state } = setup();
    const key = state.findKey(COINBASE_DEMO_CONNECTION.apiKey)!.key;
    key.allowedIps = ['8.8.8.8'];
    expect((await call(app, jwt())).status).toBe(401);
    key.allowedIps = [];
    key.canView = false;
    const denied = await call(app, jwt());
    expect(denied.status).toBe(403);
    expect(denied.body.error).toBe('PERMISSION_DENIED');
  });

  it('answers the time unauthenticated, numbers as strings', async () => {
    const { app } = setup();
    expect((await request(app).get('/coinbase/api/v3/brokerage/time')).body).toEqual({ iso: new Date(NOW_MS).toISOString(), epochSeconds: String(NOW_MS / 1000), epochMillis: String(NOW_MS) });
  });
});
