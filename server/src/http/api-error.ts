import { UserFacingError } from '../errors/user-facing-error.ts';

/** Every 401 is byte-identical, whatever the reason, so a caller learns nothing from it. */
export const unauthorized = () => new UserFacingError('unauthorized', 'Open the link printed in the terminal to sign in.');

/** Too many failed guesses: every attempt is refused, right or wrong, until the wait is over. */
export class TooManyAttemptsError extends UserFacingError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterMs: number) {
    const seconds = Math.ceil(retryAfterMs / 1000);
    super('too-many-attempts', `Too many failed attempts. Try again in ${seconds} seconds.`);
    this.name = 'TooManyAttemptsError';
    this.retryAfterSeconds = seconds;
  }
}
