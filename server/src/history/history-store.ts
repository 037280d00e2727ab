import type { AuditRun } from '@contract/audit-run.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import type { Finding } from '@contract/finding.ts';
import type { HistoryStatus, RecordedRun, RunId, RunSummary, RUN_SOURCES } from '@contract/history.ts';

export type RunSource = (typeof RUN_SOURCES)[number];

/** One recorded state of a key: written when the key first appears, again only when it changes, and when it disappears (key null). */
export type KeyState = { runId: RunId; at: string; key: AuditedKey | null; findings: Finding[] };

/** One attempt to deliver one message to one alert channel, as `keyaudit notify list` and the dashboard show it. */
export type AlertDeliveryRecord = {
  channelId: string;
  at: string;
  /** The watch run that raised it; null for a test message. */
  runId: RunId | null;
  event: 'audit-alert' | 'test';
  ok: boolean;
  attempts: number;
  /** What the service answered or why it failed, safe to show: a status or a kind of failure, never the URL. */
  reason: string | null;
  /** How many facts the message carried, and its size in bytes. */
  facts: number;
  bytes: number;
};

/** A signed call keyaudit made with a stored key: the only use of a key keyaudit can vouch for. */
export type KeyUse = { exchange: string; apiKey: string; at: string; endpointClass: string; result: 'ok' | 'failed' };

/**
 * What has been sent where (alerts) and which of keyaudit's own calls used which key. Fact ids and API keys are
 * only ever stored as keyed fingerprints.
 */
export interface HistoryLedgers {
  /**
   * Atomically (one write transaction, so two processes cannot both claim a fact): `select` is called with
   * whether a fact was already sent to the channel, and the facts it returns are marked sent. Release them with
   * releaseAlertFacts if the message then cannot be delivered, so the next run tries them again.
   */
  claimAlertFacts<T extends { factIds: string[] }>(channelId: string, at: string, runId: RunId | null, select: (wasSent: (factId: string) => boolean) => T): T;
  releaseAlertFacts(channelId: string, factIds: readonly string[]): void;
  recordAlertDelivery(delivery: AlertDeliveryRecord): void;
  /** The newest delivery of each channel. */
  lastAlertDeliveries(): AlertDeliveryRecord[];
  /** Appends a batch of uses in one transaction (one per run, so the audit is not slowed by a write per call). */
  recordKeyUses(uses: readonly KeyUse[]): void;
  /** The newest successful use by keyaudit of this key, or null. */
  lastKeyUse(exchange: string, apiKey: string): string | null;
}

/**
 * The audit history: SQLite in the data directory (history.sqlite, encrypted fields under a key kept in the
 * vault) or memory in the demo. Every method is synchronous because better-sqlite3 is; callers on the
 * request path keep calls small (one run, one key).
 */
export interface HistoryStore extends HistoryLedgers {
  /** Records a finished run (key versions, not copies) atomically; returns its summary once it is durable. `watchEveryMs`: a watch run's interval. */
  recordRun(run: AuditRun, source: RunSource, options?: { watchEveryMs?: number }): RunSummary;
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
