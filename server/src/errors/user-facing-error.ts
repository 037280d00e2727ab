import type { ApiErrorCode } from '@contract/api-error-code.ts';

/**
 * An error the user can cause or fix, told in one plain sentence: the HTTP edge answers it with
 * a 4xx (an exchange being down: 502) and its code, and the CLI prints the same sentence.
 * Anything that is not a UserFacingError is a bug, shown only as "internal".
 *
 * `message` goes everywhere (API answers, logs, the terminal), so it never holds a path, a
 * secret, a stack or text an exchange sent. `localDetail` may name a file on this machine:
 * only the terminal (CLI, `npm start`) shows it, never an API answer.
 */
export class UserFacingError extends Error {
  readonly code: ApiErrorCode;
  readonly localDetail: string | null;

  constructor(code: ApiErrorCode, message: string, { localDetail = null }: { localDetail?: string | null } = {}) {
    super(message);
    this.name = 'UserFacingError';
    this.code = code;
    this.localDetail = localDetail;
  }

  /** The sentence, then the local detail on its own indented line(s). */
  forTerminal(): string {
    return this.localDetail === null ? this.message : `${this.message}\n  ${this.localDetail.replaceAll('\n', '\n  ')}`;
  }
}

/** Input the user sent that keyaudit will not act on; the message names the field, never its value. */
export class InvalidInputError extends UserFacingError {
  constructor(message: string) {
    super('invalid-input', message);
    this.name = 'InvalidInputError';
  }
}
