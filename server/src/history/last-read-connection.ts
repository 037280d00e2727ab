import type { LastReadConnection } from '@contract/history.ts';
import type { HistoryStore } from './history-store.ts';

/** How far back a failed connection's keys are looked for: beyond this many failed runs, they are too old to stand in. */
const MAX_RUNS_LOOKED_AT = 30;

/**
 * A connection's keys and findings from the newest recorded run that read it (its status not failed), or null when
 * none of the last runs did. Partial runs count: their failed accounts simply have no keys there.
 */
export function lastReadConnection(store: HistoryStore, connectionId: string): LastReadConnection | null {
  for (const summary of store.listRuns().slice(0, MAX_RUNS_LOOKED_AT)) {
    const recorded = store.loadRun(summary.runId);
    const connection = recorded?.run.connections.find((candidate) => candidate.connectionId === connectionId);
    if (!recorded || !connection || connection.status === 'failed') continue;
    const keys = recorded.run.keys.filter((key) => key.connectionId === connectionId);
    const keyIds = new Set(keys.map((key) => key.id));
    return { runId: summary.runId, at: summary.finishedAt, keys, findings: recorded.run.findings.filter((finding) => keyIds.has(finding.keyId)) };
  }
  return null;
}
