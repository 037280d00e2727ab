import { headerValue } from '../header-value.ts';

/**
 * Paces calls against KuCoin's per-UID resource pool from the gw-ratelimit-* headers every private answer
 * carries (docs/exchanges/kucoin.md#rate-limits): when the pool cannot pay for the next call, wait for its reset
 * instead of provoking a 429. Safe for concurrent callers.
 */
export type KucoinRateLimiter = {
  /** Resolves once the pool should be able to pay `weight`; the caller must then call release(). */
  acquire(weight: number): Promise<void>;
  /** Ends a call started by acquire(); `headers` of its answer, if one came, update what we know. */
  release(weight: number, headers?: Record<string, string>): void;
  /** Forgets the pool's state, e.g. after waiting out a 429. */
  forget(): void;
};

export type KucoinRateLimiterDeps = {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Upper bound of one wait: a pool refills every 30 s. */
  maxWaitMs: number;
};

/** Answers whose resets differ by more than this belong to different windows (allows for latency). */
const SAME_WINDOW_TOLERANCE_MS = 1_000;

export function createKucoinRateLimiter({ now, sleep, maxWaitMs }: KucoinRateLimiterDeps): KucoinRateLimiter {
  let limit: number | null = null;
  let remaining: number | null = null;
  let resetAtMs: number | null = null;
  /** Weight of calls acquired but not yet answered: the pool may not have counted them yet. */
  let inFlightWeight = 0;
  let resetWait: Promise<void> | null = null;
  let settleWaiters: (() => void)[] = [];

  const waitForAnAnswer = () => new Promise<void>((resolve) => settleWaiters.push(resolve));
  const refill = () => {
    remaining = limit;
    resetAtMs = null;
  };

  function readHeaders(headers: Record<string, string>): void {
    const serverRemaining = Number(headerValue(headers, 'gw-ratelimit-remaining'));
    const resetMs = Number(headerValue(headers, 'gw-ratelimit-reset'));
    const serverLimit = Number(headerValue(headers, 'gw-ratelimit-limit'));
    if (!Number.isFinite(serverRemaining) || !Number.isFinite(resetMs) || resetMs < 0) return;
    if (Number.isFinite(serverLimit) && serverLimit > 0) limit = serverLimit;
    const nextResetAtMs = now() + resetMs;
    const isNewWindow = resetAtMs === null || remaining === null || nextResetAtMs > resetAtMs + SAME_WINDOW_TOLERANCE_MS;
    // Within one window, answers of concurrent calls arrive out of order: the lowest count is the freshest.
    remaining = isNewWindow || remaining === null ? serverRemaining : Math.min(remaining, serverRemaining);
    resetAtMs = isNewWindow ? nextResetAtMs : resetAtMs;
  }

  return {
    async acquire(weight) {
      for (;;) {
        if (resetWait) {
          await resetWait;
          continue;
        }
        const nowMs = now();
        if (resetAtMs !== null && nowMs >= resetAtMs) refill();
        if (remaining === null || resetAtMs === null) {
          // Unknown pool: let one call find out at a time, unless what we know still covers this one.
          const isCovered = remaining !== null && remaining - inFlightWeight >= weight;
          if (isCovered || inFlightWeight === 0) break;
          await waitForAnAnswer();
          continue;
        }
        if (remaining - inFlightWeight >= weight) break;
        if (inFlightWeight > 0 && remaining >= weight) {
          await waitForAnAnswer();
          continue;
        }
        resetWait = sleep(Math.min(resetAtMs - nowMs, maxWaitMs)).then(() => {
          refill();
          resetWait = null;
        });
      }
      inFlightWeight += weight;
    },
    release(weight, headers) {
      inFlightWeight = Math.max(0, inFlightWeight - weight);
      if (headers) readHeaders(headers);
      const waiters = settleWaiters;
      settleWaiters = [];
      for (const resolve of waiters) resolve();
    },
    forget() {
      remaining = null;
      resetAtMs = null;
    },
  };
}
