import type { KeyTimeline, RunSummary } from '@contract/history.ts';
import type { KeyState } from './history-store.ts';
import { diffKey, type KeySnapshot } from './key-changes.ts';

const snapshotOf = (state: KeyState): KeySnapshot | null => state.key && { key: state.key, findings: state.findings };

/**
 * A key's life from its recorded states (oldest first) and the runs (newest first): first seen, every change
 * between consecutive states (the same per-key comparison as the run comparison), last seen. First seen stands
 * in for an age where the exchange reports no creation date. null when the key was never recorded.
 */
export function keyTimeline(keyId: string, states: readonly KeyState[], runs: readonly RunSummary[]): KeyTimeline | null {
  const first = states.find((state) => state.key !== null);
  if (!first) return null;
  const events: KeyTimeline['events'] = [];
  let previous: KeyState | null = null;
  for (const state of states) {
    // The first appearance is "first seen"; a later reappearance is an event like any other.
    if (previous || state !== first) {
      for (const change of diffKey(previous && snapshotOf(previous), snapshotOf(state))) events.push({ runId: state.runId, at: state.at, change });
    }
    previous = state;
  }
  const last = states.at(-1)!;
  const lastSeen = last.key !== null ? (runs[0] ?? { runId: last.runId, finishedAt: last.at }) : runs.find((run) => run.runId < last.runId);
  return {
    keyId,
    firstSeen: { runId: first.runId, finishedAt: first.at },
    lastSeen: lastSeen ? { runId: lastSeen.runId, finishedAt: lastSeen.finishedAt } : { runId: last.runId, finishedAt: last.at },
    events,
  };
}
