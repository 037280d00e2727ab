import type { ChangesReport, RunId } from '@contract/history.ts';
import type { HistoryStore } from './history-store.ts';
import { RunNotFoundError } from './history-errors.ts';
import { computeChanges } from './compute-changes.ts';

/**
 * The changes between two recorded runs, as the Changes view and `keyaudit changes` ask for them: by
 * default the last two; `to` alone compares it with the run before it; `from` alone with the newest.
 * null when there is no pair to compare (fewer than two runs). RunNotFoundError for an unknown id.
 */
export function changesBetween(store: HistoryStore, { from, to }: { from?: RunId; to?: RunId }): ChangesReport | null {
  const runs = store.listRuns(); // newest first
  const toId = to ?? runs[0]?.runId;
  if (to !== undefined && !runs.some((run) => run.runId === to)) throw new RunNotFoundError(to);
  if (from !== undefined && !runs.some((run) => run.runId === from)) throw new RunNotFoundError(from);
  const fromId = from ?? runs.find((run) => toId !== undefined && run.runId < toId)?.runId;
  if (toId === undefined || fromId === undefined) return null;
  const pair = store.loadForChanges(fromId, toId);
  if (!pair) throw new RunNotFoundError(store.loadRun(fromId) ? toId : fromId);
  return computeChanges(pair[0], pair[1]);
}
