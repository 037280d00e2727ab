/** The history routes over HTTP: session-checked like every /api route, answers checked against the contract. */
import { afterEach, describe, expect, it } from 'vitest';
import { apiRoutes } from '@contract/api.ts';
import { apiErrorSchema } from '@contract/api.ts';
import { createMemoryHistoryStore, historyAccessOf } from '../src/history/memory-history-store.ts';
import { unavailableHistory } from '../src/history/unavailable-history.ts';
import { buildConnection, buildKey, buildRun, WITHDRAW } from '../src/history/history-test-fixtures.ts';
import type { HistoryAccess } from '../src/history/history-store.ts';
import { createFakeWorkspace } from './test-support/fake-workspace.ts';
import { startApp, type RunningApp } from './test-support/start-app.ts';

let app: RunningApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function startWith(history: HistoryAccess) {
  const { workspace } = createFakeWorkspace();
  app = await startApp({ ...workspace, history });
  return app;
}

const withdrawKey = buildKey({ ipWhitelist: null, permissions: ['General', WITHDRAW.word], capabilities: [...buildKey().capabilities, WITHDRAW.granted] });

function storeWithTwoRuns() {
  const store = createMemoryHistoryStore();
  store.recordRun(buildRun({ finishedAt: '2026-11-01T10:00:00.000Z' }), 'dashboard');
  store.recordRun(buildRun({ finishedAt: '2026-11-02T10:00:00.000Z', keys: [withdrawKey] }), 'cli');
  return store;
}

describe('history routes', () => {
  it('refuse a request without a session, like every /api route', async () => {
    const running = await startWith(historyAccessOf(storeWithTwoRuns()));
    for (const path of ['/api/history/status', '/api/history/runs', '/api/history/runs/latest', '/api/history/changes', '/api/history/keys/key-1/timeline', '/api/history/connections/conn-1/last-read']) {
      const response = await fetch(running.origin + path, { headers: { origin: running.origin } });
      expect(response.status, path).toBe(401);
    }
  });

  it('answer the status, the runs newest first and the latest run whole', async () => {
    const { api } = await startWith(historyAccessOf(storeWithTwoRuns()));
    expect(apiRoutes.getHistoryStatus.output.parse(await (await api('/api/history/status')).json())).toEqual({ state: 'available', storage: 'memory', runs: 2 });
    const { runs } = apiRoutes.listHistoryRuns.output.parse(await (await api('/api/history/runs')).json());
    expect(runs.map((run) => [run.runId, run.source, run.findings.critical])).toEqual([
      [2, 'cli', 0],
      [1, 'dashboard', 0],
    ]);
    const latest = apiRoutes.getLatestRecordedRun.output.parse(await (await api('/api/history/runs/latest')).json());
    expect(latest?.summary.runId).toBe(2);
    expect(latest?.run.keys[0].ipWhitelist).toBeNull();
  });

  it('answer the changes between the last two runs by default, or the runs asked for', async () => {
    const { api } = await startWith(historyAccessOf(storeWithTwoRuns()));
    const report = apiRoutes.getHistoryChanges.output.parse(await (await api('/api/history/changes')).json());
    expect(report).toMatchObject({ schemaVersion: 1, from: { runId: 1 }, to: { runId: 2 } });
    expect(report!.changes.map((change) => [change.kind, change.severity])).toEqual([
      ['permissions-changed', 'critical'],
      ['ip-whitelist-changed', 'critical'],
    ]);
    const reversed = apiRoutes.getHistoryChanges.output.parse(await (await api('/api/history/changes?from=2&to=1')).json());
    expect(reversed).toMatchObject({ from: { runId: 2 }, to: { runId: 1 } });
    expect(reversed!.changes.map((change) => [change.kind, change.severity, change.capabilitiesLost])).toEqual([
      ['permissions-changed', 'info', ['withdraw']],
      ['ip-whitelist-changed', 'info', []],
    ]);
  });

  it('answer 404 for an unknown run, 400 for a run id that is not one, and null with fewer than two runs', async () => {
    const store = createMemoryHistoryStore();
    const { api } = await startWith(historyAccessOf(store));
    expect(await (await api('/api/history/changes')).json()).toBeNull();
    expect(await (await api('/api/history/runs/latest')).json()).toBeNull();
    const unknown = await api('/api/history/changes?from=9');
    expect(unknown.status).toBe(404);
    expect(apiErrorSchema.parse(await unknown.json()).error).toBe('run-not-found');
    for (const bad of ['?from=abc', '?to=0', '?to=1.5', '?from=1&from=2']) expect((await api(`/api/history/changes${bad}`)).status, bad).toBe(400);
  });

  it("answer a key's timeline, and a null timeline for a key never recorded", async () => {
    const { api } = await startWith(historyAccessOf(storeWithTwoRuns()));
    const { timeline } = apiRoutes.getKeyTimeline.output.parse(await (await api('/api/history/keys/key-1/timeline')).json());
    expect(timeline).toMatchObject({ keyId: 'key-1', firstSeen: { runId: 1 }, lastSeen: { runId: 2 } });
    expect(timeline!.events.map((event) => event.change.kind)).toEqual(['permissions-changed', 'ip-whitelist-changed']);
    expect(await (await api('/api/history/keys/nope/timeline')).json()).toEqual({ timeline: null });
  });

  it('say why history is unavailable, and answer 409 with that reason where it is needed', async () => {
    const { api } = await startWith(unavailableHistory('the database is damaged.'));
    expect(await (await api('/api/history/status')).json()).toEqual({ state: 'unavailable', reason: 'the database is damaged.' });
    const response = await api('/api/history/runs');
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: 'history-unavailable', message: 'History is unavailable: the database is damaged.' });
  });

  it("answer a failed connection's keys as the newest run that read it had them, and null for a connection never read", async () => {
    const store = storeWithTwoRuns();
    store.recordRun(buildRun({ finishedAt: '2026-11-03T10:00:00.000Z', connections: [buildConnection({ status: 'failed', accounts: [] })], keys: [] }), 'dashboard');
    const { api } = await startWith(historyAccessOf(store));
    const lastRead = apiRoutes.getLastReadConnection.output.parse(await (await api('/api/history/connections/conn-1/last-read')).json());
    expect(lastRead).toMatchObject({ runId: 2, at: '2026-11-02T10:00:00.000Z' });
    expect(lastRead!.keys.map((key) => [key.id, key.ipWhitelist])).toEqual([[withdrawKey.id, null]]);
    expect(apiRoutes.getLastReadConnection.output.parse(await (await api('/api/history/connections/conn-9/last-read')).json())).toBeNull();
  });
});
