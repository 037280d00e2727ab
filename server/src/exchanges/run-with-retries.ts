import { ExchangeError } from './exchange-error.ts';
import { reportRateLimitWait } from './rate-limit-waits.ts';

export type RetryDeps = {
  /** Waits between retries and for rate limits; injected so tests do not sleep for real. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source for retry backoff; defaults to Math.random. */
  random?: () => number;
};

export type RetryPolicy = Required<RetryDeps> & {
  /** Whether repeating the call after a 5xx or lost answer is harmless (never a non-idempotent call). */
  isRetrySafe: boolean;
  /**
   * Waits out a rate-limit refusal in the exchange's own way before the call is repeated; resolves false to give up
   * instead. A refused call was not processed, so it may be repeated even when it is not retry-safe.
   */
  waitOutRateLimit: (error: ExchangeError) => Promise<boolean>;
};

const MAX_RATE_LIMIT_RETRIES = 3;
const MAX_FAILURE_RETRIES = 2;
const BACKOFF_MS = 500;
const JITTER_MS = 250;
const TRANSIENT_KINDS = new Set(['exchange-error', 'unreachable', 'timeout']);

export const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `run` until it succeeds: up to 3 more times after rate-limit refusals, and, for retry-safe calls, up to 2
 * more times after a server error or lost answer, with exponential backoff and jitter. Other failures go through.
 */
export async function runWithRetries<T>(run: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  let rateLimitRetries = 0;
  let failureRetries = 0;
  for (;;) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof ExchangeError)) throw error;
      if (error.kind === 'rate-limited' && rateLimitRetries < MAX_RATE_LIMIT_RETRIES) {
        reportRateLimitWait(error.retryAfterMs ?? null);
        if (!(await policy.waitOutRateLimit(error))) throw error;
        rateLimitRetries += 1;
      } else if (policy.isRetrySafe && TRANSIENT_KINDS.has(error.kind) && failureRetries < MAX_FAILURE_RETRIES) {
        failureRetries += 1;
        await policy.sleep(BACKOFF_MS * 2 ** (failureRetries - 1) + policy.random() * JITTER_MS);
      } else {
        throw error;
      }
    }
  }
}
