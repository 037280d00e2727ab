/** The demo's history: in memory only, and seeded from its first audit with a plausible past. */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTransport } from '../src/exchanges/http-transport.ts';
import { startSimulator, type RunningSimulator } from '../src/simulator/create-simulator.ts';
import { createDemoWorkspace } from '../src/workspace/create-demo-workspace.ts';
import type { WorkspaceServices } from '../src/workspace/workspace-services.ts';

let simulator: RunningSimulator;
let services: WorkspaceServices;
let dispose: () => void;
beforeAll(async () => {
  simulator = await startSimulator({ rateLimits: 'relaxed' });
  ({ services, dispose } = createDemoWorkspace({ simulator, transport: fetchTransport, now: Date.now }));
});
afterAll(async () => {
  dispose();
  await simulator.close();
});

const recorded = async (runs: number) => {
  for (let wait = 0; wait < 100 && (services.history.status() as { runs?: number }).runs !== runs; wait++) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('the demo history', () => {
  it('seeds weeks of invented runs before the first audit, with every kind of change, then records each audit', async () => {
    const sqliteBefore = readdirSync(os.tmpdir()).filter((name) => name.includes('sqlite')).length;
    expect(services.history.status()).toEqual({ state: 'available', storage: 'memory', runs: 0 });
    const present = await services.audits.current().audit();
    await recorded(12);
    const store = services.history.store();
    const runs = store.listRuns();
    expect(runs.map((run) => run.source)).toEqual(['dashboard', ...Array(11).fill('demo-seed')]);
    const spanDays = (Date.parse(runs[0].startedAt) - Date.parse(runs.at(-1)!.startedAt)) / 86_400_000;
    expect(spanDays).toBeGreaterThan(14);
    expect(store.loadRun(runs[0].runId)!.run).toEqual(present);

    const past = store.loadRun(runs[1].runId)!.run;
    const pastById = new Map(past.keys.map((key) => [key.id, key]));
    const presentIds = new Set(present.keys.map((key) => key.id));
    const capabilities = (key: { capabilities: { capability: string }[] }) => key.capabilities.map((grant) => grant.capability);
    expect(present.keys.filter((key) => pastById.has(key.id) && capabilities(key).includes('withdraw') && !capabilities(pastById.get(key.id)!).includes('withdraw'))).toHaveLength(1);
    expect(present.keys.filter((key) => key.ipWhitelist === null && Array.isArray(pastById.get(key.id)?.ipWhitelist))).toHaveLength(1);
    expect(present.keys.filter((key) => !pastById.has(key.id))).toHaveLength(1);
    expect(past.keys.filter((key) => !presentIds.has(key.id))).toHaveLength(1);
    // One connection failed once, in the middle, and recovered at the next run.
    const statuses = [...runs].reverse().map((run) => run.connections.failed);
    expect(statuses.filter((failed) => failed > 0)).toHaveLength(1);
    expect(statuses.at(-1)).toBe(0);

    await services.audits.current().audit();
    await recorded(13);
    expect(store.listRuns()[0].source).toBe('dashboard');
    expect(readdirSync(os.tmpdir()).filter((name) => name.includes('sqlite')).length).toBe(sqliteBefore);
  });
});
