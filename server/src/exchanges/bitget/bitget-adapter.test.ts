// The adapter against its simulator for what the shared contract suite does not cover: a unified trading account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTransport } from '../http-transport.ts';
import { redact } from '../../secrets/redacted.ts';
import { startSimulator, type RunningSimulator } from '../../simulator/create-simulator.ts';
import { BITGET_DEMO_UNIFIED_ACCOUNT_KEY } from '../../simulator/bitget/bitget-demo-seed.ts';
import { createBitgetAdapter } from './bitget-adapter.ts';
import { BITGET_UNIFIED_ACCOUNT_MESSAGE } from './bitget-errors.ts';

let simulator: RunningSimulator;
beforeAll(async () => void (simulator = await startSimulator({ rateLimits: 'relaxed' })));
afterAll(() => simulator.close());

describe(createBitgetAdapter.name, () => {
  it("says in plain words that a unified trading account's key cannot be read, instead of failing silently", async () => {
    const adapter = createBitgetAdapter({ transport: fetchTransport, baseUrl: simulator.baseUrls.bitget, now: Date.now, sleep: async () => {} });
    const { apiKey, secret, passphrase } = BITGET_DEMO_UNIFIED_ACCOUNT_KEY;
    await expect(adapter.fetchCallingKey({ apiKey, secret: redact(secret), passphrase: redact(passphrase) })).rejects.toMatchObject({
      kind: 'invalid-request', exchangeCode: '40085', message: BITGET_UNIFIED_ACCOUNT_MESSAGE,
    });
  });
});
