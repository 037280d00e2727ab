import type { AuditRun } from '@contract/audit-run.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import type { Finding } from '@contract/finding.ts';
import type { HistoryStatus, RecordedRun, RunId, RunSummary, RUN_SOURCES } from '@contract/history.ts';

export type RunSource = (typeof RUN_SOURCES)[number];

/** One recorded state of a key: written when the key first appears, again only when it changes, and when it disappears (key null). */
export type KeyState = { runId: RunId; at: string; key: AuditedKey | null; findings: Finding[] };

/**
 * The audit history: SQLite in the data directory (history.sqlite, encrypted fields under a key kept in the
 * vault) or memory in the demo. Every method is synchronous because better-sqlite3 is; callers on the
 * request path keep calls small (one run, one key).
 */
export interface HistoryStore {
  /** Records a finished run (key versions, not copies) atomically; returns its summary once it is durable. */
  recordRun(run: AuditRun, source: RunSource): RunSummary;
  /** Newest first. */
  listRuns(): RunSummary[];
  /** The run reassembled as the dashboard showed it; null for an unknown or pruned id. Its keys and findings are frozen (shared between runs): copy to change. */
  loadRun(runId: RunId): RecordedRun | null;
  latestRun(): RecordedRun | null;
  /**
   * Two runs for computeChanges only: each holds its connections and, of its keys and their findings, only those
   * whose recorded state differs from the other run's (a key identical in both produces no change). Loading the
   * whole runs would decrypt every key twice; this decrypts the few that changed. null if either id is unknown.
   */
  loadForChanges(fromId: RunId, toId: RunId): [RecordedRun, RecordedRun] | null;
  /** The key's recorded states by its audited id, oldest first; empty when it was never recorded. */
  keyStates(keyId: string): KeyState[];
  /** Removes runs that finished before `olderThan` (and versions only they used); the newest run is always kept. */
  prune(olderThan: Date): { runsRemoved: number };
  close(): void;
}

/**
 * The history as the routes and the CLI reach it. A damaged or unreadable database never blocks an audit
 * or a revoke: status() says why, store() throws HistoryUnavailableError, and recording is skipped.
 */
export interface HistoryAccess {
  status(): HistoryStatus;
  /** Throws VaultLockedError while the vault is locked, HistoryUnavailableError when the database cannot be used. */
  store(): HistoryStore;
}
