import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionEntry } from '../audit/action-recorder.ts';
import { createMemoryPolicyStore } from '../findings/policy-store.ts';
import { policySchema } from '../findings/policy.ts';
import { createLogger } from '../logging/logger.ts';
import { applyHistoryRetention } from './apply-retention.ts';
import { unavailableHistory } from './unavailable-history.ts';
import { createMemoryHistoryStore, historyAccessOf } from './memory-history-store.ts';
import { makeRun, runKey } from './history-test-support.ts';

const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-12-04T00:00:00.000Z');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function setup(historyRetentionDays: number | null) {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyaudit-retention-'));
  dirs.push(dataDir);
  const store = createMemoryHistoryStore();
  for (const daysAgo of [400, 200, 30, 1]) store.recordRun(makeRun([runKey(1)], { at: new Date(NOW - daysAgo * DAY_MS).toISOString() }), 'watch');
  const logged: ActionEntry[] = [];
  const lines: string[] = [];
  const options = {
    history: historyAccessOf(store),
    policy: createMemoryPolicyStore(policySchema.parse({ historyRetentionDays })),
    actionLog: { append: async (entry: ActionEntry) => void logged.push(entry) },
    dataDir,
    now: () => NOW,
    logger: createLogger('warn', (line) => lines.push(line)),
  };
  return { store, logged, lines, options };
}

describe('applyHistoryRetention', () => {
  it('keeps everything by default', async () => {
    const { store, logged, options } = setup(null);
    expect(await applyHistoryRetention(options)).toBe(0);
    expect(store.listRuns()).toHaveLength(4);
    expect(logged).toEqual([]);
  });

  it('prunes runs older than the policy\'s days and logs it as history.prune', async () => {
    const { store, logged, options } = setup(90);
    expect(await applyHistoryRetention(options)).toBe(2);
    expect(store.listRuns()).toHaveLength(2);
    expect(logged).toEqual([{ action: 'history.prune', outcome: 'ok', details: { olderThanDays: 90, runsRemoved: 2, trigger: 'retention' } }]);
    expect(await applyHistoryRetention(options)).toBe(0);
    expect(logged).toHaveLength(1);
  });

  it('never throws when history cannot be used', async () => {
    const { options, lines } = setup(90);
    expect(await applyHistoryRetention({ ...options, history: unavailableHistory('damaged') })).toBe(0);
    expect(await applyHistoryRetention({ ...options, actionLog: { append: async () => { throw new Error('disk full'); } } })).toBe(0);
    expect(lines.join('\n')).toMatch(/retention not applied/);
  });

  it('refuses a retention that is not a positive number of days', () => {
    for (const value of [0, -1, 1.5, '365d']) expect(policySchema.safeParse({ historyRetentionDays: value }).success).toBe(false);
  });
});
