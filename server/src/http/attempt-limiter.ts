import type { Logger } from '../logging/logger.ts';

/**
 * Counts failed guesses per kind of credential presented (bucket): 'launch' tokens, 'session' (bearer) tokens and
 * vault 'passphrase's, so noise in one kind never blocks another (docs/security-model.md#lock-out). After
 * `maxFailures` within `windowMs` the bucket is locked; the lock-out doubles each time, up to `maxLockMs`. What a
 * lock refuses is the caller's choice: a valid token is never refused (a random 256-bit token cannot be guessed, and
 * any local process could otherwise lock the user out), the passphrase is refused right or wrong, so the lock-out is
 * no oracle for it. Failures while locked are not counted: one burst, one lock, one log line.
 */
export type AttemptLimiter = {
  /** Milliseconds still to wait, or 0 when an attempt may be made. */
  retryAfterMs(bucket: string): number;
  recordFailure(bucket: string): void;
  recordSuccess(bucket: string): void;
};

export function createAttemptLimiter({
  now,
  maxFailures = 5,
  windowMs = 5 * 60_000,
  firstLockMs = 30_000,
  maxLockMs = 15 * 60_000,
  logger,
}: { now: () => number; maxFailures?: number; windowMs?: number; firstLockMs?: number; maxLockMs?: number; logger?: Logger }): AttemptLimiter {
  const state = new Map<string, { failures: number[]; lockedUntil: number; nextLockMs: number }>();
  const get = (bucket: string) => {
    let entry = state.get(bucket);
    if (!entry) state.set(bucket, (entry = { failures: [], lockedUntil: 0, nextLockMs: firstLockMs }));
    return entry;
  };
  return {
    retryAfterMs(bucket) {
      return Math.max(0, get(bucket).lockedUntil - now());
    },
    recordFailure(bucket) {
      const entry = get(bucket);
      const at = now();
      if (entry.lockedUntil > at) return;
      entry.failures = entry.failures.filter((t) => at - t < windowMs);
      entry.failures.push(at);
      if (entry.failures.length >= maxFailures) {
        entry.lockedUntil = at + entry.nextLockMs;
        // One line per burst; names the kind of credential only, never what was presented.
        logger?.warn('lock-out: too many failed attempts', { credential: bucket, failures: maxFailures, lockedForSeconds: entry.nextLockMs / 1000 });
        entry.nextLockMs = Math.min(entry.nextLockMs * 2, maxLockMs);
        entry.failures = [];
      }
    },
    recordSuccess(bucket) {
      state.delete(bucket);
    },
  };
}
