import { describe, expect, it } from 'vitest';
import { createKucoinRateLimiter } from './kucoin-rate-limit.ts';

/** A pool like KuCoin's: `quota` per `windowMs` from its first request, answering with gw-ratelimit-* headers. */
function createFakePool(quota: number, windowMs: number, now: () => number) {
  let windowStartMs: number | null = null;
  let used = 0;
  let refused = 0;
  return {
    get refused() {
      return refused;
    },
    call(weight: number): Record<string, string> {
      if (windowStartMs === null || now() - windowStartMs >= windowMs) {
        windowStartMs = now();
        used = 0;
      }
      if (used + weight > quota) refused += 1;
      else used += weight;
      return {
        'gw-ratelimit-limit': String(quota),
        'gw-ratelimit-remaining': String(quota - used),
        'gw-ratelimit-reset': String(windowStartMs + windowMs - now()),
      };
    },
  };
}

function setup(quota: number) {
  let clockMs = 1_000_000;
  const sleeps: number[] = [];
  const now = () => clockMs;
  const limiter = createKucoinRateLimiter({
    now,
    sleep: async (ms) => {
      sleeps.push(ms);
      clockMs += ms;
    },
    maxWaitMs: 30_000,
  });
  const pool = createFakePool(quota, 30_000, now);
  const call = async (weight: number) => {
    await limiter.acquire(weight);
    await Promise.resolve();
    limiter.release(weight, pool.call(weight));
  };
  return { limiter, pool, sleeps, call };
}

describe(createKucoinRateLimiter.name, () => {
  it('waits for the reset when the pool cannot pay for the next call', async () => {
    const { pool, sleeps, call } = setup(100);
    for (let i = 0; i < 12; i += 1) await call(20);
    expect(pool.refused).toBe(0);
    expect(sleeps).toEqual([30_000, 30_000]);
  });

  it('keeps concurrent callers inside the quota, also right after a reset', async () => {
    const { pool, sleeps, call } = setup(100);
    await Promise.all(Array.from({ length: 23 }, () => call(20)));
    expect(pool.refused).toBe(0);
    expect(sleeps.length).toBe(4);
  });

  it('does not wait while the pool is unknown or sufficient', async () => {
    const { sleeps, call } = setup(2_000);
    for (let i = 0; i < 10; i += 1) await call(20);
    expect(sleeps).toEqual([]);
  });

  it('bounds a wait by maxWaitMs', async () => {
    const { limiter, sleeps } = setup(100);
    await limiter.acquire(20);
    limiter.release(20, { 'gw-ratelimit-limit': '100', 'gw-ratelimit-remaining': '0', 'gw-ratelimit-reset': '900000' });
    await limiter.acquire(20);
    expect(sleeps).toEqual([30_000]);
  });

  it('ignores answers without rate-limit headers', async () => {
    const { limiter, sleeps } = setup(100);
    await limiter.acquire(20);
    limiter.release(20, { 'content-type': 'application/json' });
    await limiter.acquire(20);
    limiter.release(20);
    expect(sleeps).toEqual([]);
  });
});
