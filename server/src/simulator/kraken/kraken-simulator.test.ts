// The simulator's own checks, with requests signed by hand here (node:crypto), not by kraken-sign.ts.
import { createHash, createHmac } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createKrakenSimulator, type KrakenSimulatorOptions } from './kraken-simulator.ts';
import { createKrakenDemoSeed, KRAKEN_DEMO_CONNECTION, KRAKEN_DEMO_REFERENCE_MS } from './kraken-demo-seed.ts';

const PATH = '/0/private/GetApiKeyInfo';
let clockMs: number;
let nonce: number;
beforeEach(() => {
  clockMs = KRAKEN_DEMO_REFERENCE_MS;
  nonce = 1_000;
});

function setup(options: KrakenSimulatorOptions = {}) {
  const simulator = createKrakenSimulator({ now: () => clockMs, seed: createKrakenDemoSeed(), ...options });
  const app = express();
  app.use(simulator.router);
  return { ...simulator, app };
}

/** API-Sign as the authentication guide describes it: HMAC-SHA512(base64-decoded secret, path + SHA256(nonce + body)). */
function apiSign(secret: string, path: string, nonceText: string, body: string): string {
  const inner = createHash('sha256').update(nonceText + body).digest();
  return createHmac('sha512', Buffer.from(secret, 'base64')).update(Buffer.concat([Buffer.from(path), inner])).digest('base64');
}

function call(app: express.Express, { secret = KRAKEN_DEMO_CONNECTION.secret, nonceText = String((nonce += 1)), apiKey = KRAKEN_DEMO_CONNECTION.apiKey } = {}) {
  const body = `nonce=${nonceText}`;
  return request(app).post(PATH).type('form').set({ 'API-Key': apiKey, 'API-Sign': apiSign(secret, PATH, nonceText, body) }).send(body);
}

describe('Kraken simulator', () => {
  it("answers GetApiKeyInfo with the calling key's documented fields, last use moving to this call", async () => {
    const { app } = setup();
    const seed = createKrakenDemoSeed().master.keys[0]!;
    const first = await call(app);
    expect(first.status).toBe(200);
    expect(first.body.error).toEqual([]);
    expect(first.body.result).toMatchObject({
      apiKey: KRAKEN_DEMO_CONNECTION.apiKey, apiKeyName: 'grid-bot', permissions: seed.permissions, ipAllowlist: [],
      validUntil: '0', createdTime: String(seed.createdTimeS), lastUsed: String(seed.lastUsedS),
    });
    expect(first.body.result).not.toHaveProperty('secret');
    clockMs += 60_000;
    expect((await call(app)).body.result.lastUsed).toBe(String(Math.floor(KRAKEN_DEMO_REFERENCE_MS / 1000)));
  });

  it('refuses an unknown key, a wrong signature and a nonce that is not higher than the last', async () => {
    const { app } = setup();
    expect((await call(app, { apiKey: 'nobody' })).body).toEqual({ error: ['EAPI:Invalid key'] });
    expect((await call(app, { secret: Buffer.from('wrong').toString('base64') })).body).toEqual({ error: ['EAPI:Invalid signature'] });
    expect((await call(app, { nonceText: '5000' })).body.error).toEqual([]);
    expect((await call(app, { nonceText: '5000' })).body).toEqual({ error: ['EAPI:Invalid nonce'] });
    expect((await call(app, { nonceText: '4999' })).body).toEqual({ error: ['EAPI:Invalid nonce'] });
  });

  it('refuses a caller outside the IP allowlist, and an expired key', async () => {
    const { app, state } = setup();
    const { key } = state.findKey(KRAKEN_DEMO_CONNECTION.apiKey)!;
    key.ipAllowlist = ['203.0.113.7'];
    expect((await call(app)).body).toEqual({ error: ['EGeneral:Permission denied'] });
    key.ipAllowlist = ['127.0.0.1'];
    expect((await call(app)).body.error).toEqual([]);
    key.validUntilS = Math.floor(clockMs / 1000) - 1;
    expect((await call(app)).body).toEqual({ error: ['EAPI:Invalid key'] });
  });

  it("refuses calls past the key's call counter until it decays", async () => {
    const { app, state } = setup({ callCounter: { maximum: 2, decayPerSecond: 0.5 } });
    expect((await call(app)).body.error).toEqual([]);
    expect((await call(app)).body.error).toEqual([]);
    expect((await call(app)).body).toEqual({ error: ['EAPI:Rate limit exceeded'] });
    expect(state.stats.rateLimited).toBe(1);
    clockMs += 2_000;
    expect((await call(app)).body.error).toEqual([]);
  });

  it('answers the public time and an unknown method in its own words', async () => {
    const { app } = setup();
    expect((await request(app).get('/0/public/Time')).body.result.unixtime).toBe(Math.floor(clockMs / 1000));
    expect((await request(app).post('/0/private/NoSuchMethod').send('nonce=1')).body).toEqual({ error: ['EGeneral:Unknown method'] });
  });
});
