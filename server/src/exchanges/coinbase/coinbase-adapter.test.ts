// createCoinbaseAdapter against its simulator over real HTTP: the calling key as keyaudit shows it, and each refusal.
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exchangeKeySchema } from '@contract/audited-key.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { createCoinbaseAdapter } from './coinbase-adapter.ts';
import { createCoinbaseSimulator } from '../../simulator/coinbase/coinbase-simulator.ts';
import { COINBASE_DEMO_CONNECTION, createCoinbaseDemoSeed, demoCoinbaseEd25519Key, demoCoinbaseKeyName } from '../../simulator/coinbase/coinbase-demo-seed.ts';
import { createLoopbackServers } from '../../../test/test-support/loopback-server.ts';
import { rejection } from '../../../test/test-support/exchange-error-catchers.ts';
import { fetchTransport, type HttpRequest } from '../http-transport.ts';
import { redact } from '../../secrets/redacted.ts';
import type { Credentials } from '../exchange-adapter.ts';

const KEY: Credentials = { apiKey: COINBASE_DEMO_CONNECTION.apiKey, secret: redact(COINBASE_DEMO_CONNECTION.secret) };
let clockMs: number;
const loopback = createLoopbackServers();
beforeEach(() => {
  clockMs = Date.UTC(2026, 10, 1);
});
afterEach(() => loopback.closeAll());

async function setup() {
  const simulator = createCoinbaseSimulator({ now: () => clockMs, seed: createCoinbaseDemoSeed() });
  const app = express();
  app.use(simulator.router);
  const baseUrl = await loopback.listen(app);
  const requests: HttpRequest[] = [];
  const adapter = createCoinbaseAdapter({
    transport: (request) => {
      requests.push(request);
      return fetchTransport(request);
    },
    baseUrl,
    now: () => clockMs,
    sleep: async (ms) => void (clockMs += ms),
  });
  return { ...simulator, adapter, requests };
}

describe(createCoinbaseAdapter.name, () => {
  it('shows the calling key with its true flags, its IP allowlist unknown and unreported (never any IP), deletable only in the portal', async () => {
    const { adapter } = await setup();
    const key = await adapter.fetchCallingKey(KEY);
    expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(key).toMatchObject({
      exchange: 'coinbase',
      account: { kind: 'master', name: 'master' },
      permissions: ['can_view', 'can_trade', 'can_transfer', 'portfolio_type=DEFAULT'],
      ipWhitelist: 'unknown',
      unreported: ['ip-whitelist'],
      isCallingKey: true,
      revocability: { canRevoke: false, how: 'website-only', manageUrl: exchangeInfo('coinbase').manageKeysUrl },
    });
    expect(key.apiKey).not.toBe(KEY.apiKey);
    expect(key.capabilities.map((granted) => granted.capability)).toEqual(expect.arrayContaining(['read', 'trade-spot', 'withdraw']));
  });

  it('signs with the PEM pasted on one line, and with an Ed25519 key', async () => {
    const { adapter, state } = await setup();
    const oneLine = { ...KEY, secret: redact(COINBASE_DEMO_CONNECTION.secret.replace(/\n/g, '\\n')) };
    expect((await adapter.fetchCallingKey(oneLine)).isCallingKey).toBe(true);
    const taxKey = state.findKey(demoCoinbaseKeyName('tax-export'))!.key;
    taxKey.allowedIps = [];
    const ed = await adapter.fetchCallingKey({ apiKey: taxKey.apiKey, secret: redact(demoCoinbaseEd25519Key('tax-export')) });
    expect(ed.permissions).toEqual(['can_view', 'portfolio_type=DEFAULT']);
  });

  it('refuses a legacy key before sending anything, saying Coinbase retired legacy keys', async () => {
    const { adapter, requests } = await setup();
    const error = await rejection(adapter.fetchCallingKey({ apiKey: 'a1B2c3D4e5F6g7H8', secret: redact('legacyHmacSecretOf32Characters!!') }));
    expect(error.kind).toBe('unknown-key');
    expect(error.message).toContain('retired its legacy API keys in February 2025');
    expect(requests).toEqual([]);
  });

  it('names View when the key cannot read its own permissions', async () => {
    const { adapter, state } = await setup();
    state.findKey(KEY.apiKey)!.key.canView = false;
    expect(await rejection(adapter.fetchCallingKey(KEY))).toMatchObject({ kind: 'permission-denied', exchangeCode: 'PERMISSION_DENIED' });
  });

  it("keeps the JWT inside Coinbase's two minutes when this machine's clock is off, measuring the offset once", async () => {
    const { adapter, state, requests } = await setup();
    state.setFaults({ clockSkewMs: 300_000 });
    expect((await adapter.fetchCallingKey(KEY)).isCallingKey).toBe(true);
    expect((await adapter.fetchCallingKey(KEY)).isCallingKey).toBe(true);
    expect(requests.filter((request) => request.url.endsWith('/api/v3/brokerage/time'))).toHaveLength(1);
  });

  it('lists nothing else and deletes nothing', async () => {
    const { adapter } = await setup();
    expect(await adapter.fetchSubAccounts(KEY)).toEqual([]);
    expect(adapter.fetchOtherMasterKeys).toBeUndefined();
    expect((await rejection(adapter.revokeKey(KEY, { account: { kind: 'master', name: 'master' }, apiKey: KEY.apiKey }, undefined))).kind).toBe('invalid-request');
  });
});
