import { headerValue } from './kucoin-errors.ts';

/**
 * Paces calls against KuCoin's per-UID resource pool from the gw-ratelimit-* headers every private answer
 * carries (reference/kucoin.md §5): when the pool cannot pay for the next call, wait for its reset
 * instead of provoking a 429.
 */
export type KucoinRateLimiter = {
  /** Resolves once the pool should have `weight` left; reserves it for the caller. */
  acquire(weight: number): Promise<void>;
  /** Learns the pool's state from an answer's headers. */
  update(headers: Record<string, string>): void;
  /** Forgets what it knew, e.g. after waiting out a 429. */
  forget(): void;
};

export type KucoinRateLimiterDeps = {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Upper bound of one wait: a pool refills every 30 s. */
  maxWaitMs: number;
};

/** Two answers whose resets differ by more than this belong to different windows (allows for latency). */
const SAME_WINDOW_TOLERANCE_MS = 1_000;

export function createKucoinRateLimiter({ now, sleep, maxWaitMs }: KucoinRateLimiterDeps): KucoinRateLimiter {
  let remaining: number | null = null;
  let resetAtMs: number | null = null;
  let waiting: Promise<void> | null = null;

  const forget = () => {
    remaining = null;
    resetAtMs = null;
  };

  return {
    async acquire(weight) {
      for (;;) {
        // Concurrent callers share one wait instead of each sleeping and then stampeding.
        if (waiting) {
          await waiting;
          continue;
        }
        const nowMs = now();
        if (resetAtMs !== null && nowMs >= resetAtMs) forget();
        if (remaining === null || resetAtMs === null || remaining >= weight) {
          if (remaining !== null) remaining -= weight;
          return;
        }
        waiting = sleep(Math.min(resetAtMs - nowMs, maxWaitMs)).then(() => {
          forget();
          waiting = null;
        });
      }
    },
    update(headers) {
      const serverRemaining = Number(headerValue(headers, 'gw-ratelimit-remaining'));
      const resetMs = Number(headerValue(headers, 'gw-ratelimit-reset'));
      if (!Number.isFinite(serverRemaining) || !Number.isFinite(resetMs) || resetMs < 0) return;
      const nextResetAtMs = now() + resetMs;
      const isNewWindow = resetAtMs === null || nextResetAtMs > resetAtMs + SAME_WINDOW_TOLERANCE_MS;
      // Within a window, answers of concurrent calls arrive out of order: the lowest count is the freshest.
      remaining = isNewWindow || remaining === null ? serverRemaining : Math.min(remaining, serverRemaining);
      resetAtMs = isNewWindow ? nextResetAtMs : resetAtMs;
    },
    forget,
  };
}
