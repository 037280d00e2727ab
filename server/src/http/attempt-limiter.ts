/**
 * Counts failed guesses (launch tokens, session tokens, vault passphrases) per bucket.
 * After `maxFailures` within `windowMs`, every attempt is refused, right or wrong, so a
 * lock-out is no oracle; the lock-out doubles each time, up to `maxLockMs`.
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
}: { now: () => number; maxFailures?: number; windowMs?: number; firstLockMs?: number; maxLockMs?: number }): AttemptLimiter {
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
      entry.failures = entry.failures.filter((t) => at - t < windowMs);
      entry.failures.push(at);
      if (entry.failures.length >= maxFailures) {
        entry.lockedUntil = at + entry.nextLockMs;
        entry.nextLockMs = Math.min(entry.nextLockMs * 2, maxLockMs);
        entry.failures = [];
      }
    },
    recordSuccess(bucket) {
      state.delete(bucket);
    },
  };
}
