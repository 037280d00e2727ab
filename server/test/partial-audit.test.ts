/**
 * Results stream as accounts complete: over HTTP against the demo simulators (with latency, so the
 * audit takes a while), GET /api/audit/partial shows keys before GET /api/audit answers, and every
 * snapshot is a part of the run the audit finally returns.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiRoutes } from '@contract/api.ts';
import type { AuditRun } from '@contract/audit-run.ts';
import { fetchTransport } from '../src/exchanges/http-transport.ts';
import { startSimulator, type RunningSimulator } from '../src/simulator/create-simulator.ts';
import { createDemoWorkspace } from '../src/workspace/create-demo-workspace.ts';
import { startApp, type RunningApp } from './test-support/start-app.ts';

let simulator: RunningSimulator;
let app: RunningApp;
let dispose: () => void;
beforeEach(async () => {
  simulator = await startSimulator({ latencyMs: 60, rateLimits: 'relaxed' });
  const demo = createDemoWorkspace({ simulator, transport: fetchTransport, now: Date.now });
  dispose = demo.dispose;
  app = await startApp(demo.services);
});
afterEach(async () => {
  await app.close();
  await simulator.close();
  dispose();
});

const getPartial = async () => apiRoutes.getPartialAudit.output.parse(await (await app.api('/api/audit/partial')).json());
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const accountIds = (run: AuditRun) => run.connections.flatMap((connection) => connection.accounts.map((account) => `${connection.connectionId}:${account.account.kind}:${account.account.name}`));

describe('GET /api/audit/partial', () => {
  it('answers null when no audit is running', async () => {
    expect(await getPartial()).toBeNull();
    await app.api('/api/audit');
    expect(await getPartial()).toBeNull();
  });

  it('shows keys before the audit answers, each snapshot a part of the final run', async () => {
    let finished = false;
    const audit = app.api('/api/audit').then(async (response) => {
      finished = true;
      return (await response.json()) as AuditRun;
    });
    const snapshots: AuditRun[] = [];
    while (!finished) {
      const partial = await getPartial();
      if (partial && !finished) snapshots.push(partial);
      await pause(15);
    }
    const final = await audit;

    const firstWithKeys = snapshots.find((snapshot) => snapshot.keys.length > 0);
    expect(firstWithKeys, 'keys were shown before the audit answered').toBeDefined();
    expect(firstWithKeys!.keys.length).toBeLessThan(final.keys.length);
    const counts = snapshots.map((snapshot) => snapshot.keys.length);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    for (const snapshot of snapshots) {
      expect(snapshot.startedAt).toBe(final.startedAt);
      expect(final.keys).toEqual(expect.arrayContaining(snapshot.keys));
      expect(final.findings).toEqual(expect.arrayContaining(snapshot.findings));
      expect(accountIds(final)).toEqual(expect.arrayContaining(accountIds(snapshot)));
    }
    const last = snapshots.at(-1)!;
    const rest = final.keys.filter((key) => !last.keys.some((shown) => shown.id === key.id));
    expect(last.keys.length + rest.length).toBe(final.keys.length);
  });

  it('counts accounts done against the accounts listed while the partial run grows', async () => {
    const audit = app.api('/api/audit');
    const deadline = Date.now() + 10_000;
    let midway: { running: boolean; accountsDone: number; accountsTotal: number } | null = null;
    while (!midway && Date.now() < deadline) {
      const progress = apiRoutes.getAuditProgress.output.parse(await (await app.api('/api/audit/progress')).json());
      if (progress.running && progress.accountsDone > 0 && progress.accountsDone < progress.accountsTotal) midway = progress;
      else await pause(10);
    }
    expect(midway, 'progress was seen between the first and the last account').not.toBeNull();
    const partial = await getPartial();
    expect(partial!.keys.length).toBeGreaterThan(0);
    const subAccountsShown = partial!.connections.flatMap((connection) => connection.accounts).filter((account) => account.account.kind === 'sub');
    expect(subAccountsShown.length).toBeGreaterThanOrEqual(midway!.accountsDone);
    await audit;
  });
});
