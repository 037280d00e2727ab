import { UserFacingError } from '../errors/user-facing-error.ts';

/** The history database cannot be used (damaged, newer than this keyaudit, unreadable); audits and revokes go on without it. */
export class HistoryUnavailableError extends UserFacingError {
  /** The reason alone, as the history status shows it. */
  readonly reason: string;

  constructor(reason: string, { localDetail = null }: { localDetail?: string | null } = {}) {
    super('history-unavailable', `History is unavailable: ${reason}`, { localDetail });
    this.name = 'HistoryUnavailableError';
    this.reason = reason;
  }
}

/** A run id that was never recorded, or was pruned. */
export class RunNotFoundError extends UserFacingError {
  constructor(runId: number) {
    super('run-not-found', `No recorded run has id ${runId}; \`keyaudit history\` lists them.`);
    this.name = 'RunNotFoundError';
  }
}
