import { describe, expect, it } from 'vitest';
import { keyTimelineSchema } from '@contract/history.ts';
import { createMemoryHistoryStore } from './memory-history-store.ts';
import { changesBetween } from './changes-between.ts';
import { keyTimeline } from './key-timeline.ts';
import { buildConnection, buildKey, buildRun, WITHDRAW } from './history-test-fixtures.ts';

const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`;
const withdrawKey = buildKey({ permissions: ['General', WITHDRAW.word], capabilities: [...buildKey().capabilities, WITHDRAW.granted] });
const failedConnection = buildConnection({ status: 'failed', error: { kind: 'unreachable', message: 'down', exchangeCode: null }, accounts: [] });

/** Day 1 seen, day 2 the same, day 3 gained withdraw, day 4 its connection failed (not gone), day 5 gone. */
function storeWithHistory() {
  const store = createMemoryHistoryStore();
  store.recordRun(buildRun({ finishedAt: at(1) }), 'dashboard');
  store.recordRun(buildRun({ finishedAt: at(2), keys: [buildKey({ lastUsedAt: at(2) })] }), 'dashboard');
  store.recordRun(buildRun({ finishedAt: at(3), keys: [withdrawKey] }), 'cli');
  store.recordRun(buildRun({ finishedAt: at(4), connections: [failedConnection], keys: [] }), 'dashboard');
  store.recordRun(buildRun({ finishedAt: at(5), keys: [] }), 'dashboard');
  return store;
}

describe('the memory history store', () => {
  it('lists runs newest first with their counts, and loads one whole', () => {
    const store = storeWithHistory();
    expect(store.listRuns().map((run) => [run.runId, run.source, run.keys, run.connections.failed])).toEqual([
      [5, 'dashboard', 0, 0],
      [4, 'dashboard', 0, 1],
      [3, 'cli', 1, 0],
      [2, 'dashboard', 1, 0],
      [1, 'dashboard', 1, 0],
    ]);
    expect(store.loadRun(3)?.run.keys[0].permissions).toEqual(['General', 'Withdrawal']);
    expect(store.loadRun(99)).toBeNull();
    expect(store.latestRun()?.summary.runId).toBe(5);
  });

  it('keeps key states only where the key appeared, changed or went, and not where its connection failed', () => {
    expect(storeWithHistory().keyStates('key-1').map((state) => [state.runId, state.key?.permissions ?? null])).toEqual([
      [1, ['General']],
      [3, ['General', 'Withdrawal']],
      [5, null],
    ]);
    expect(storeWithHistory().keyStates('never')).toEqual([]);
  });

  it('prunes old runs but always keeps the newest', () => {
    const store = storeWithHistory();
    expect(store.prune(new Date(at(3)))).toEqual({ runsRemoved: 2 });
    expect(store.listRuns().map((run) => run.runId)).toEqual([5, 4, 3]);
    expect(store.prune(new Date('2030-01-01'))).toEqual({ runsRemoved: 2 });
    expect(store.listRuns().map((run) => run.runId)).toEqual([5]);
  });
});

describe(changesBetween.name, () => {
  it('compares the last two runs by default, a run with the one before it, or any two', () => {
    const store = storeWithHistory();
    expect(changesBetween(store, {})).toMatchObject({ from: { runId: 4 }, to: { runId: 5 } });
    expect(changesBetween(store, { to: 3 })).toMatchObject({ from: { runId: 2 }, to: { runId: 3 }, changes: [{ kind: 'permissions-changed' }] });
    expect(changesBetween(store, { from: 3, to: 5 })?.changes.map((change) => change.kind)).toEqual(['key-removed']);
  });

  it('answers null with fewer than two runs, and names an unknown run', () => {
    const store = createMemoryHistoryStore();
    expect(changesBetween(store, {})).toBeNull();
    store.recordRun(buildRun(), 'dashboard');
    expect(changesBetween(store, {})).toBeNull();
    expect(() => changesBetween(store, { from: 7 })).toThrow('No recorded run has id 7');
  });
});

describe(keyTimeline.name, () => {
  it('gives first seen, every change in order, and last seen', () => {
    const store = storeWithHistory();
    const timeline = keyTimelineSchema.parse(keyTimeline('key-1', store.keyStates('key-1'), store.listRuns()));
    expect(timeline.firstSeen).toEqual({ runId: 1, finishedAt: at(1) });
    expect(timeline.events.map((event) => [event.runId, event.change.kind])).toEqual([
      [3, 'permissions-changed'],
      [5, 'key-removed'],
    ]);
    // Gone in run 5: last seen in the run before.
    expect(timeline.lastSeen).toEqual({ runId: 4, finishedAt: at(4) });
  });

  it('says a key still present was last seen in the newest run, and null for a key never recorded', () => {
    const store = createMemoryHistoryStore();
    store.recordRun(buildRun({ finishedAt: at(1) }), 'dashboard');
    store.recordRun(buildRun({ finishedAt: at(2) }), 'dashboard');
    expect(keyTimeline('key-1', store.keyStates('key-1'), store.listRuns())).toEqual({
      keyId: 'key-1',
      firstSeen: { runId: 1, finishedAt: at(1) },
      lastSeen: { runId: 2, finishedAt: at(2) },
      events: [],
    });
    expect(keyTimeline('other', store.keyStates('other'), store.listRuns())).toBeNull();
  });
});
