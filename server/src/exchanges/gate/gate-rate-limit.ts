import { readGateResetAtMs } from './gate-errors.ts';
import { headerValue } from '../header-value.ts';

/**
 * Paces calls against Gate's per-endpoint limits ("80r/10s per endpoint" for sub-account endpoints, 150r/10s for most
 * other private ones, counted per UID: docs/exchanges/gate.md#rate-limits) from the X-Gate-RateLimit-* headers: when an
 * endpoint has no requests left, wait for its window to pass instead of provoking a 429. Safe for concurrent callers.
 */
export type GateRateLimiter = {
  /** Resolves once `endpoint` should accept one more call; the caller must then call release(). */
  acquire(endpoint: string): Promise<void>;
  /** Ends a call started by acquire(); the answer's headers, if one came, update what we know. */
  release(endpoint: string, answer?: { headers: Record<string, string>; serverOffsetMs: number }): void;
  /** Forgets what we know about `endpoint`, e.g. after waiting out a 429. */
  forget(endpoint: string): void;
};

export type GateRateLimiterDeps = {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Upper bound of one wait. */
  maxWaitMs: number;
  /** Length of Gate's windows: 10 s. */
  windowMs: number;
};

/** How far ahead of our clock Gate's "current timestamp" may read: its rounding to seconds, and clock error. */
const CURRENT_TIMESTAMP_SPAN_MS = 1_500;

type Bucket = {
  remaining: number | null;
  /** Local clock. Gate names the reset time only once the limit is exceeded; before, a window from the first answer. */
  resetAtMs: number | null;
  inFlight: number;
  wait: Promise<void> | null;
  answerWaiters: (() => void)[];
};

export function createGateRateLimiter({ now, sleep, maxWaitMs, windowMs }: GateRateLimiterDeps): GateRateLimiter {
  const buckets = new Map<string, Bucket>();
  const bucketOf = (endpoint: string): Bucket => {
    let bucket = buckets.get(endpoint);
    if (!bucket) {
      bucket = { remaining: null, resetAtMs: null, inFlight: 0, wait: null, answerWaiters: [] };
      buckets.set(endpoint, bucket);
    }
    return bucket;
  };
  const forget = (bucket: Bucket) => {
    bucket.remaining = null;
    bucket.resetAtMs = null;
  };
  const waitForAnAnswer = (bucket: Bucket) => new Promise<void>((resolve) => bucket.answerWaiters.push(resolve));

  function readHeaders(bucket: Bucket, headers: Record<string, string>, serverOffsetMs: number): void {
    const remaining = Number(headerValue(headers, 'x-gate-ratelimit-requests-remain'));
    if (!headerValue(headers, 'x-gate-ratelimit-requests-remain') || !Number.isFinite(remaining) || remaining < 0) return;
    const nowMs = now();
    const resetAtServerMs = readGateResetAtMs(headers);
    const namedResetAtMs = resetAtServerMs === null ? null : resetAtServerMs - serverOffsetMs;
    // Until the limit is exceeded Gate names no reset: "this is just the current timestamp", in whole seconds, so up to
    // a second (and our clock's error) ahead of now. Taken for a reset, it would end the window early and draw a 429.
    if (namedResetAtMs !== null && namedResetAtMs > nowMs + CURRENT_TIMESTAMP_SPAN_MS) bucket.resetAtMs = namedResetAtMs;
    // More left than before means a new window; its end is at most one window from now.
    else if (bucket.remaining === null || bucket.resetAtMs === null || remaining > bucket.remaining) bucket.resetAtMs = nowMs + windowMs;
    bucket.remaining = remaining;
  }

  return {
    async acquire(endpoint) {
      const bucket = bucketOf(endpoint);
      for (;;) {
        if (bucket.wait) {
          await bucket.wait;
          continue;
        }
        const nowMs = now();
        if (bucket.resetAtMs !== null && nowMs >= bucket.resetAtMs) forget(bucket);
        if (bucket.remaining === null) {
          // Unknown endpoint: let one call find out at a time.
          if (bucket.inFlight === 0) break;
          await waitForAnAnswer(bucket);
          continue;
        }
        if (bucket.remaining - bucket.inFlight > 0) break;
        if (bucket.inFlight > 0) {
          await waitForAnAnswer(bucket);
          continue;
        }
        const waitMs = Math.min(Math.max((bucket.resetAtMs ?? nowMs + windowMs) - nowMs, 0), maxWaitMs);
        bucket.wait = sleep(waitMs).then(() => {
          forget(bucket);
          bucket.wait = null;
        });
      }
      bucket.inFlight += 1;
    },
    release(endpoint, answer) {
      const bucket = bucketOf(endpoint);
      bucket.inFlight = Math.max(0, bucket.inFlight - 1);
      if (answer) readHeaders(bucket, answer.headers, answer.serverOffsetMs);
      const waiters = bucket.answerWaiters;
      bucket.answerWaiters = [];
      for (const resolve of waiters) resolve();
    },
    forget(endpoint) {
      forget(bucketOf(endpoint));
    },
  };
}
