import { toUserFacingError } from '../errors/to-user-facing-error.ts';
import { CliError, UsageError } from './cli-errors.ts';

/**
 * What stderr says: a user-facing error's sentence (the one the API answers with) and the local
 * file it is about; Node's system errors as they are (a syscall and a path on this machine);
 * anything else, which might quote input, only by class name.
 */
export function describeError(error: unknown): string {
  const userError = toUserFacingError(error);
  if (userError) return userError.forTerminal();
  if (error instanceof Error && 'code' in error && 'syscall' in error) return `${error.message}`;
  const name = error instanceof Error ? error.name : typeof error;
  return `Unexpected internal error (${name}). Nothing secret was printed; please report this.`;
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return 2;
  if (error instanceof CliError) return error.exitCode;
  return 1;
}
