import { UserFacingError } from '../errors/user-facing-error.ts';

/** Wrong command line: exit code 2 and a usage hint. */
export class UsageError extends UserFacingError {
  constructor(message: string) {
    super('invalid-input', message);
    this.name = 'UsageError';
  }
}

/**
 * A command-line problem with no counterpart in the API (no terminal to prompt on, a file that
 * is not JSON, a cancelled prompt): one line on stderr, exit code 1 unless given. It never
 * reaches an API answer, so its message may name a file given on the command line; it must
 * never contain a secret.
 */
export class CliError extends UserFacingError {
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super('invalid-input', message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
