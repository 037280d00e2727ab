/**
 * A Retry (POST /api/audit/connections/:id/retry) re-reads one connection; the history records it as a run of its
 * own — the last run with that connection read again — so the Changes view follows, without calling the other
 * connections' keys removed or the retried one's keys added.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fetchTransport } from '../src/exchanges/http-transport.ts';
import { computeChanges } from '../src/history/compute-changes.ts';
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

const runCount = () => (services.history.status() as { runs?: number }).runs ?? 0;
const recorded = async (runs: number) => {
  for (let wait = 0; wait < 200 && runCount() < runs; wait++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(runCount()).toBe(runs);
};

it('records a retried connection as a new run merged with the others as last read, and the changes are only its recovery', async () => {
  simulator.kucoin.state.setFaults({ garbage: true });
  const failedRun = await services.audits.current().audit();
  const kucoin = failedRun.connections.find((connection) => connection.exchange === 'kucoin')!;
  expect(kucoin.status).toBe('failed');
  // The failed run is recorded after its seeded past (setImmediate): wait for it before counting.
  for (let wait = 0; wait < 200 && services.history.store().listRuns()[0]?.source !== 'dashboard'; wait++) await new Promise((resolve) => setTimeout(resolve, 20));
  const before = runCount();
  expect(before).toBeGreaterThan(0);

  simulator.kucoin.state.clearFaults();
  await services.audits.current().retryConnection(kucoin.connectionId);
  await recorded(before + 1);

  const store = services.history.store();
  const [latest, previous] = store.listRuns();
  expect(latest!.connections).toMatchObject({ failed: 0 });
  expect(previous!.connections.failed).toBe(1);
  const latestRun = store.loadRun(latest!.runId)!.run;
  expect(latestRun.keys.some((key) => key.connectionId === kucoin.connectionId)).toBe(true);
  // The other connections' keys are those of the run the retry completed: not read again, not lost.
  const others = (run: typeof failedRun) => run.keys.filter((key) => key.connectionId !== kucoin.connectionId).map((key) => key.id).sort();
  expect(others(latestRun)).toEqual(others(failedRun));
  expect(Date.parse(latest!.finishedAt)).toBeGreaterThanOrEqual(Date.parse(previous!.finishedAt));

  const changes = computeChanges(store.loadRun(previous!.runId)!, store.loadRun(latest!.runId)!).changes;
  expect(changes.map((change) => change.kind)).toEqual(['connection-recovered']);
});
