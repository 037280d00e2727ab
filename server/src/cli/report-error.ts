import { ActionLogDamagedError } from '../action-log/action-log-file.ts';
import { InvalidActionLogEntryError } from '../action-log/action-log.ts';
import * as vaultErrors from '../vault/vault-errors.ts';
import { CliError, UsageError } from './cli-errors.ts';
import { UnsafeReportPathError } from '../report/write-report-file.ts';
import { DataDirBusyError } from '../vault/data-dir-lock.ts';

/** Errors whose messages we wrote ourselves and know to be free of secrets. */
const OWN_ERRORS: (new (...args: never[]) => Error)[] = [
  ...Object.values(vaultErrors),
  ActionLogDamagedError,
  InvalidActionLogEntryError,
  CliError,
  UsageError,
  UnsafeReportPathError,
  DataDirBusyError,
];

/**
 * One line for stderr. Our own errors and Node's system errors (whose messages hold a syscall
 * and a path) are shown as they are; anything else, which might quote input, only by class name.
 */
export function describeError(error: unknown): string {
  if (error instanceof Error && OWN_ERRORS.some((type) => error instanceof type)) return error.message;
  if (error instanceof Error && 'code' in error && 'syscall' in error) return `${error.message}`;
  const name = error instanceof Error ? error.name : typeof error;
  return `Unexpected internal error (${name}). Nothing secret was printed; please report this.`;
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return 2;
  if (error instanceof CliError) return error.exitCode;
  return 1;
}
