/**
 * Issue 9, "never hide a dangerous key on a real exchange": a whole connection audited (auditConnection with the real
 * adapter against its simulator) when the exchange answers in a way the happy path does not expect. What the exchange
 * did answer must all be there, and what it did not must be said, never passed off as harmless.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeId } from '@contract/exchange-id.ts';
import { auditConnection } from '../src/audit/audit-connection.ts';
import { createAdapter } from '../src/exchanges/registry.ts';
import type { AdapterDeps } from '../src/exchanges/exchange-adapter.ts';
import { fetchTransport, type HttpTransport } from '../src/exchanges/http-transport.ts';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../src/simulator/create-simulator.ts';
import { BINANCE_VARIANTS } from '../src/simulator/binance/binance-simulator.ts';
import { evaluateFindings } from '../src/findings/evaluate-findings.ts';
import { createDemoConnections } from '../src/workspace/demo-connections.ts';

const simulators: RunningSimulator[] = [];
async function simulatorWith(options: SimulatorOptions = {}) {
  const simulator = await startSimulator({ rateLimits: 'relaxed', ...options });
  simulators.push(simulator);
  return simulator;
}
afterAll(async () => Promise.all(simulators.map((simulator) => simulator.close())));

async function audit(simulator: RunningSimulator, exchange: ExchangeId, transport: HttpTransport = fetchTransport) {
  const connection = createDemoConnections(simulator.baseUrls).find((candidate) => candidate.exchange === exchange)!;
  const deps = { transport, baseUrl: simulator.baseUrls[exchange], now: Date.now, sleep: async () => {} } as AdapterDeps;
  return auditConnection(connection, () => createAdapter(exchange, deps), { concurrency: 4 });
}

/** A transport whose answers to one path are replaced. */
const answering = (pathEnd: string, status: number, body: string): HttpTransport => async (request) =>
  new URL(request.url).pathname.endsWith(pathEnd) ? { status, headers: { 'content-type': 'application/json' }, body } : fetchTransport(request);

describe('Gate', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => void (simulator = await simulatorWith()));

  it.each([
    ['answers 500', 500, '{"label":"INTERNAL","message":"Internal server error"}'],
    ['answers garbage', 200, '{"unexpected":"shape"}'],
  ])('when main_keys %s, still lists every sub-account key; the connection is partial with a plain reason', async (_name, status, body) => {
    const { result, keys } = await audit(simulator, 'gate', answering('/account/main_keys', status, body));
    const simulated = simulator.gate.state.listAllKeys().filter((key) => key.account !== 'master');
    expect(keys.filter((key) => key.account.kind === 'sub').map((key) => key.apiKey).sort()).toEqual(simulated.map((key) => key.apiKey).sort());
    expect(result.status).toBe('partial');
    const master = result.accounts.find((account) => account.account.kind === 'master')!;
    expect(master).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/^Gate /) } });
    expect(master.error!.message).not.toMatch(/unexpected|INTERNAL/);
    const calling = keys.find((key) => key.isCallingKey)!;
    expect(calling).toMatchObject({ account: { kind: 'master' }, unreported: ['withdraw'] });
  });

  it('when main_keys answers one object, audits everything else and notes that other main keys were not listed', async () => {
    const objectSimulator = await simulatorWith({ gate: { variant: 'main-keys-object' } });
    const { result, keys } = await audit(objectSimulator, 'gate');
    expect(result).toMatchObject({ status: 'ok', notes: [{ gap: 'other-master-keys-not-listed' }] });
    expect(keys.filter((key) => key.account.kind === 'master')).toHaveLength(1);
    expect(keys.filter((key) => key.account.kind === 'sub')).toHaveLength(objectSimulator.gate.state.listAllKeys().filter((key) => key.account !== 'master').length);
  });
});

describe('Binance', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => void (simulator = await simulatorWith()));

  it("marks every sub-account key 'withdraw not reported' and never praises one as read-only", async () => {
    const { keys } = await audit(simulator, 'binance');
    const subKeys = keys.filter((key) => key.account.kind === 'sub');
    expect(subKeys.length).toBeGreaterThan(0);
    for (const key of subKeys) expect(key.unreported, key.label).toContain('withdraw');
    const readOnlyWhitelisted = subKeys.filter((key) => key.capabilities.every((grant) => grant.capability === 'read') && Array.isArray(key.ipWhitelist));
    expect(readOnlyWhitelisted.length, 'the demo has read-only whitelisted sub-account keys').toBeGreaterThan(0);
    const findings = evaluateFindings(keys, { now: Date.now() });
    expect(findings.filter((finding) => finding.ruleId === 'read-only-with-whitelist' && readOnlyWhitelisted.some((key) => key.id === finding.keyId))).toEqual([]);
  });

  it('marks the key bound to a third-party app, and no other', async () => {
    const { keys } = await audit(simulator, 'binance');
    expect(keys.filter((key) => key.isThirdPartyBound === true).map((key) => key.label)).toEqual(['3commas-linked']);
  });

  it.each(BINANCE_VARIANTS)('lists every sub-account key when the key page is named as in %s', async (variant) => {
    const variantSimulator = await simulatorWith({ binance: { variant } });
    const { result, keys } = await audit(variantSimulator, 'binance');
    expect(result.status).toBe('ok');
    const simulated = variantSimulator.binance.state.listAllKeys().filter((key) => key.account !== 'master');
    expect(keys.filter((key) => key.account.kind === 'sub').map((key) => key.apiKey).sort()).toEqual(simulated.map((key) => key.apiKey).sort());
  });
});
