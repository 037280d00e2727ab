import type { AuditRun } from '@contract/audit-run.ts';
import type { RunSummary } from '@contract/history.ts';
import type { Logger } from '../logging/logger.ts';
import { HistoryUnavailableError } from './history-errors.ts';
import type { HistoryAccess, RunSource } from './history-store.ts';

/**
 * Records a finished audit run, and never fails the audit: history that cannot be written costs one log line
 * (the reason or an error code, never the run's content) and the audit's result stands.
 */
export function recordFinishedRun(history: HistoryAccess, run: AuditRun, source: RunSource, logger: Logger, options: { watchEveryMs?: number } = {}): RunSummary | null {
  try {
    if (history.status().state !== 'available') return null;
    return history.store().recordRun(run, source, options);
  } catch (error) {
    logger.warn(`history: audit run not recorded (${describeFailure(error)})`);
    return null;
  }
}

/** The reason of a HistoryUnavailableError, else the error's name and SQLite code: both free of key data. */
export function describeFailure(error: unknown): string {
  if (error instanceof HistoryUnavailableError) return error.reason;
  if (error instanceof Error) return 'code' in error ? `${error.name} ${String(error.code)}` : error.name;
  return 'unknown error';
}
