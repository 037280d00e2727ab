import { describe, expect, it, vi } from 'vitest';
import { createBybitRateLimiter } from './bybit-rate-limit.ts';

const LIMITS = { '/v5/user/sub-apikeys': 10, '/v5/user/submembers': 5 };

function setup() {
  let clockMs = 1_000_000;
  const sleeps: number[] = [];
  const limiter = createBybitRateLimiter({
    now: () => clockMs,
    sleep: async (ms) => {
      sleeps.push(ms);
      clockMs += ms;
    },
    limitsPerSecond: LIMITS,
  });
  const starts: number[] = [];
  /** One call that Bybit answers at once, with `headers`. */
  const call = async (path: string, headers?: Record<string, string>) => {
    const release = await limiter.acquire(path);
    starts.push(clockMs);
    release(headers);
  };
  const maxInAnySecond = () => Math.max(...starts.map((startMs) => starts.filter((other) => other >= startMs && other < startMs + 1_000).length));
  return { limiter, sleeps, call, maxInAnySecond, advance: (ms: number) => void (clockMs += ms) };
}

describe(createBybitRateLimiter.name, () => {
  it('lets a path run at its documented rate, then waits for the rolling window', async () => {
    const { sleeps, call, maxInAnySecond } = setup();
    for (let i = 0; i < 25; i += 1) await call('/v5/user/sub-apikeys');
    expect(maxInAnySecond()).toBe(10);
    expect(sleeps).toEqual([1_050, 1_050]);
  });

  it('keeps concurrent callers inside the limit', async () => {
    // Concurrent sleepers need a shared timeline: fake timers wake each one at its own time.
    vi.useFakeTimers({ now: 1_000_000 });
    try {
      const limiter = createBybitRateLimiter({ now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), limitsPerSecond: LIMITS });
      const starts: number[] = [];
      const all = Promise.all(Array.from({ length: 23 }, async () => {
        const release = await limiter.acquire('/v5/user/submembers');
        starts.push(Date.now());
        await new Promise((resolve) => setTimeout(resolve, 30));
        release();
      }));
      await vi.runAllTimersAsync();
      await all;
      const maxInAnySecond = Math.max(...starts.map((startMs) => starts.filter((other) => other >= startMs && other < startMs + 1_000).length));
      expect(starts).toHaveLength(23);
      expect(maxInAnySecond).toBe(5);
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts a call from its answer: one that took long to come back holds its place longer', async () => {
    const { limiter, sleeps, call, advance } = setup();
    const slowCalls = await Promise.all(Array.from({ length: 5 }, () => limiter.acquire('/v5/user/submembers')));
    advance(3_000);
    for (const release of slowCalls) release();
    await call('/v5/user/submembers');
    expect(sleeps).toEqual([1_050]);
  });

  it('waits for an answer when the window is full of calls still in flight', async () => {
    const { limiter, sleeps } = setup();
    const inFlight = await Promise.all(Array.from({ length: 5 }, () => limiter.acquire('/v5/user/submembers')));
    let isSixthStarted = false;
    const sixth = limiter.acquire('/v5/user/submembers').then((release) => {
      isSixthStarted = true;
      release();
    });
    await Promise.resolve();
    expect(isSixthStarted).toBe(false);
    for (const release of inFlight) release();
    await sixth;
    expect(sleeps).toEqual([1_050]);
  });

  it('counts each path separately', async () => {
    const { call, sleeps } = setup();
    for (let i = 0; i < 5; i += 1) await call('/v5/user/submembers');
    for (let i = 0; i < 10; i += 1) await call('/v5/user/sub-apikeys');
    expect(sleeps).toEqual([]);
  });

  it('learns the limit from X-Bapi-Limit', async () => {
    const { call, sleeps } = setup();
    await call('/v5/user/sub-apikeys', { 'X-Bapi-Limit': '2', 'X-Bapi-Limit-Status': '1', 'X-Bapi-Limit-Reset-Timestamp': '1' });
    await call('/v5/user/sub-apikeys');
    expect(sleeps).toEqual([]);
    await call('/v5/user/sub-apikeys');
    expect(sleeps).toHaveLength(1);
  });

  it('holds a path back for a window when Bybit says nothing is left (another program shares the UID)', async () => {
    const { call, sleeps } = setup();
    await call('/v5/user/sub-apikeys', { 'x-bapi-limit': '10', 'x-bapi-limit-status': '0' });
    await call('/v5/user/sub-apikeys');
    expect(sleeps).toEqual([1_000]);
  });

  it('when its own calls fill the window, waits for the oldest to leave it rather than a whole window from the last', async () => {
    const { call, sleeps, advance } = setup();
    for (let i = 0; i < 10; i += 1) {
      await call('/v5/user/sub-apikeys', { 'x-bapi-limit': '10', 'x-bapi-limit-status': String(9 - i) });
      advance(50);
    }
    await call('/v5/user/sub-apikeys');
    expect(sleeps).toEqual([550]);
  });

  it('ignores answers without rate-limit headers and uses a cautious limit for unknown paths', async () => {
    const { call, sleeps } = setup();
    await call('/v5/user/sub-apikeys', { 'content-type': 'application/json' });
    for (let i = 0; i < 5; i += 1) await call('/v5/other');
    expect(sleeps).toEqual([]);
    await call('/v5/other');
    expect(sleeps).toHaveLength(1);
  });
});
