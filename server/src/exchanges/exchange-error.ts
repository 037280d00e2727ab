import type { ExchangeErrorKind, Failure } from '@contract/exchange-error-kind.ts';
import { UserFacingError } from '../errors/user-facing-error.ts';

/**
 * A failed exchange call, already translated into the audit's vocabulary.
 * The message is ours, in plain words: it never carries upstream text, URLs or headers,
 * because signed query strings and auth headers must not reach a log or the UI.
 */
export class ExchangeError extends UserFacingError {
  readonly kind: ExchangeErrorKind;
  readonly exchangeCode: string | null;
  /** For rate limits: how long the exchange asked us to wait. */
  readonly retryAfterMs: number | null;

  constructor(kind: ExchangeErrorKind, message: string, options: { exchangeCode?: string | null; retryAfterMs?: number | null } = {}) {
    super(kind, message);
    this.name = 'ExchangeError';
    this.kind = kind;
    this.exchangeCode = options.exchangeCode ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }

  toFailure(): Failure {
    return { kind: this.kind, message: this.message, exchangeCode: this.exchangeCode };
  }
}

/** Turns anything a call threw into a Failure, without leaking the original error's text. */
export function toFailure(error: unknown): Failure {
  if (error instanceof ExchangeError) return error.toFailure();
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return { kind: 'timeout', message: 'The exchange did not answer in time.', exchangeCode: null };
  }
  if (error instanceof TypeError || (error instanceof Error && 'code' in error)) {
    return { kind: 'unreachable', message: 'The exchange could not be reached from this machine.', exchangeCode: null };
  }
  return { kind: 'bad-response', message: 'The exchange sent an answer keyaudit could not read.', exchangeCode: null };
}
