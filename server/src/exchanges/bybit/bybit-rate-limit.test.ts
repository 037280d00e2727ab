import { describe, expect, it, vi } from 'vitest';
import { createBybitRateLimiter } from './bybit-rate-limit.ts';

function setup(limitsPerSecond: Record<string, number> = { '/v5/user/sub-apikeys': 10, '/v5/user/submembers': 5 }) {
  let clockMs = 1_000_000;
  const sleeps: number[] = [];
  const limiter = createBybitRateLimiter({
    now: () => clockMs,
    sleep: async (ms) => {
      sleeps.push(ms);
      clockMs += ms;
    },
    limitsPerSecond,
  });
  /** When each call started, for checking the rolling one-second window like Bybit would. */
  const starts: number[] = [];
  const call = async (path: string) => {
    await limiter.acquire(path);
    starts.push(clockMs);
  };
  const maxInAnySecond = () => Math.max(...starts.map((startMs) => starts.filter((other) => other >= startMs && other < startMs + 1_000).length));
  return { limiter, sleeps, call, starts, maxInAnySecond, advance: (ms: number) => void (clockMs += ms) };
}

describe(createBybitRateLimiter.name, () => {
  it('lets a path run at its documented rate, then waits for the rolling window', async () => {
    const { sleeps, call, maxInAnySecond } = setup();
    for (let i = 0; i < 25; i += 1) await call('/v5/user/sub-apikeys');
    expect(maxInAnySecond()).toBe(10);
    expect(sleeps).toEqual([1_100, 1_100]);
  });

  it('keeps concurrent callers inside the limit', async () => {
    // Concurrent sleepers need a shared timeline: fake timers wake each one at its own time.
    vi.useFakeTimers({ now: 1_000_000 });
    try {
      const limiter = createBybitRateLimiter({
        now: () => Date.now(),
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        limitsPerSecond: { '/v5/user/submembers': 5 },
      });
      const starts: number[] = [];
      const all = Promise.all(Array.from({ length: 23 }, () => limiter.acquire('/v5/user/submembers').then(() => starts.push(Date.now()))));
      await vi.runAllTimersAsync();
      await all;
      const maxInAnySecond = Math.max(...starts.map((startMs) => starts.filter((other) => other >= startMs && other < startMs + 1_000).length));
      expect(starts).toHaveLength(23);
      expect(maxInAnySecond).toBe(5);
      expect(Math.max(...starts) - Math.min(...starts)).toBe(4 * 1_100);
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts each path separately', async () => {
    const { call, sleeps } = setup();
    for (let i = 0; i < 5; i += 1) await call('/v5/user/submembers');
    for (let i = 0; i < 10; i += 1) await call('/v5/user/sub-apikeys');
    expect(sleeps).toEqual([]);
  });

  it('learns the limit from X-Bapi-Limit', async () => {
    const { limiter, call, sleeps } = setup();
    limiter.observe('/v5/user/sub-apikeys', { 'X-Bapi-Limit': '2', 'X-Bapi-Limit-Status': '1', 'X-Bapi-Limit-Reset-Timestamp': '1' });
    for (let i = 0; i < 3; i += 1) await call('/v5/user/sub-apikeys');
    expect(sleeps).toHaveLength(1);
  });

  it('holds a path back for a window when Bybit says nothing is left (another program shares the UID)', async () => {
    const { limiter, call, sleeps } = setup();
    limiter.observe('/v5/user/sub-apikeys', { 'x-bapi-limit': '10', 'x-bapi-limit-status': '0' });
    await call('/v5/user/sub-apikeys');
    expect(sleeps).toEqual([1_000]);
  });

  it('ignores answers without rate-limit headers and uses a cautious limit for unknown paths', async () => {
    const { limiter, call, sleeps } = setup();
    limiter.observe('/v5/user/sub-apikeys', { 'content-type': 'application/json' });
    for (let i = 0; i < 5; i += 1) await call('/v5/other');
    expect(sleeps).toEqual([]);
    await call('/v5/other');
    expect(sleeps).toHaveLength(1);
  });
});
