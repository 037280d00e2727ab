import { describe, expect, it, vi } from 'vitest';
import { createOkxRateLimiter } from './okx-rate-limit.ts';

function setup() {
  let clockMs = 1_000_000;
  const sleeps: number[] = [];
  const limiter = createOkxRateLimiter({
    now: () => clockMs,
    sleep: async (ms) => {
      sleeps.push(ms);
      clockMs += ms;
    },
  });
  return { limiter, sleeps, advance: (ms: number) => void (clockMs += ms) };
}

const TWO_PER_2S = { requests: 2, windowMs: 2_000 };
const ONE_PER_2S = { requests: 1, windowMs: 2_000 };

describe(createOkxRateLimiter.name, () => {
  it('lets calls through until the window is full, then waits for the oldest to leave it (plus slack)', async () => {
    const { limiter, sleeps } = setup();
    (await limiter.acquire('/list', TWO_PER_2S))();
    (await limiter.acquire('/list', TWO_PER_2S))();
    expect(sleeps).toEqual([]);
    await limiter.acquire('/list', TWO_PER_2S);
    expect(sleeps).toEqual([2_100]);
  });

  it('keeps a separate window per endpoint', async () => {
    const { limiter, sleeps } = setup();
    await limiter.acquire('/list', { requests: 1, windowMs: 2_000 });
    await limiter.acquire('/apikey', { requests: 1, windowMs: 2_000 });
    expect(sleeps).toEqual([]);
  });

  it('does not wait once the window has passed', async () => {
    const { limiter, sleeps, advance } = setup();
    (await limiter.acquire('/list', TWO_PER_2S))();
    (await limiter.acquire('/list', TWO_PER_2S))();
    advance(2_100);
    await limiter.acquire('/list', TWO_PER_2S);
    expect(sleeps).toEqual([]);
  });

  it('counts a call until one window after its answer came back, not after it was sent', async () => {
    const { limiter, sleeps, advance } = setup();
    const release = await limiter.acquire('/list', ONE_PER_2S);
    advance(500);
    release();
    advance(1_700);
    await limiter.acquire('/list', ONE_PER_2S);
    expect(sleeps).toEqual([400]);
  });

  it('holds a full window while its calls are still out, however long they take', async () => {
    const { limiter, sleeps, advance } = setup();
    const release = await limiter.acquire('/list', ONE_PER_2S);
    let isAdmitted = false;
    const next = limiter.acquire('/list', ONE_PER_2S).then(() => (isAdmitted = true));
    advance(5_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(isAdmitted).toBe(false);
    release();
    await next;
    expect(sleeps).toEqual([2_100]);
  });

  it('never lets concurrent callers exceed the limit within any window', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    try {
      const limiter = createOkxRateLimiter({ now: Date.now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) });
      const starts: number[] = [];
      const all = Promise.all(Array.from({ length: 7 }, () => limiter.acquire('/list', TWO_PER_2S).then((release) => {
        starts.push(Date.now());
        release();
      })));
      await vi.advanceTimersByTimeAsync(20_000);
      await all;
      expect(starts).toHaveLength(7);
      for (const startMs of starts) {
        expect(starts.filter((other) => other >= startMs && other < startMs + 2_000).length).toBeLessThanOrEqual(2);
      }
      expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(4 * 2_100 + 1);
    } finally {
      vi.useRealTimers();
    }
  });
});
