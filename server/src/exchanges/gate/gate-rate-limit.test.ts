import { describe, expect, it } from 'vitest';
import { createGateRateLimiter } from './gate-rate-limit.ts';

/** One Gate endpoint: `limit` calls per `windowMs` from its first call, answering with X-Gate-RateLimit-* headers. */
function createFakeEndpoint(limit: number, windowMs: number, now: () => number) {
  let windowStartMs: number | null = null;
  let used = 0;
  let refused = 0;
  return {
    get refused() {
      return refused;
    },
    call(): Record<string, string> {
      if (windowStartMs === null || now() - windowStartMs >= windowMs) {
        windowStartMs = now();
        used = 0;
      }
      const isAllowed = used < limit;
      if (isAllowed) used += 1;
      else refused += 1;
      const resetMs = isAllowed ? now() : windowStartMs + windowMs;
      return {
        'X-Gate-RateLimit-Requests-Remain': String(limit - used),
        'X-Gate-RateLimit-Limit': String(limit),
        'X-Gate-RateLimit-Reset-Timestamp': String(Math.ceil(resetMs / 1000)),
      };
    },
  };
}

function setup(limit: number, startMs = 1_700_000_000_000) {
  let clockMs = startMs;
  const now = () => clockMs;
  const sleeps: number[] = [];
  const limiter = createGateRateLimiter({
    now,
    sleep: async (ms) => {
      sleeps.push(ms);
      clockMs += ms;
    },
    maxWaitMs: 30_000,
    windowMs: 10_000,
  });
  const endpoint = createFakeEndpoint(limit, 10_000, now);
  const call = async (name = 'GET /sub_accounts/{user_id}/keys') => {
    await limiter.acquire(name);
    await Promise.resolve();
    const headers = endpoint.call();
    limiter.release(name, { headers, serverOffsetMs: 0 });
  };
  return { limiter, endpoint, sleeps, call };
}

describe(createGateRateLimiter.name, () => {
  it('lets calls through while the endpoint has requests left', async () => {
    const { call, sleeps, endpoint } = setup(5);
    for (let index = 0; index < 5; index += 1) await call();
    expect(sleeps).toEqual([]);
    expect(endpoint.refused).toBe(0);
  });

  it('waits out the window instead of provoking a 429, also for concurrent callers', async () => {
    const { call, sleeps, endpoint } = setup(3);
    await Promise.all(Array.from({ length: 10 }, () => call()));
    expect(endpoint.refused).toBe(0);
    expect(sleeps).toEqual([10_000, 10_000, 10_000]);
  });

  it('does not take the current timestamp Gate sends while requests remain for a reset, though it is rounded up', async () => {
    const { call, sleeps, endpoint } = setup(3, 1_700_000_000_300);
    await Promise.all(Array.from({ length: 10 }, () => call()));
    expect(endpoint.refused).toBe(0);
    expect(sleeps).toEqual([10_000, 10_000, 10_000]);
  });

  it('keeps separate endpoints apart', async () => {
    const { call, sleeps } = setup(1);
    await call('GET /account/detail');
    await call('GET /account/main_keys');
    expect(sleeps).toEqual([]);
  });

  it('waits until a reset timestamp Gate names, converted from its clock', async () => {
    const { limiter, sleeps } = setup(1);
    await limiter.acquire('GET /sub_accounts');
    limiter.release('GET /sub_accounts', {
      headers: { 'X-Gate-RateLimit-Requests-Remain': '0', 'X-Gate-RateLimit-Reset-Timestamp': String(1_700_000_004 + 60) },
      serverOffsetMs: 60_000,
    });
    await limiter.acquire('GET /sub_accounts');
    expect(sleeps).toEqual([4_000]);
  });

  it('ignores answers without rate-limit headers', async () => {
    const { limiter, sleeps } = setup(1);
    for (let index = 0; index < 3; index += 1) {
      await limiter.acquire('GET /account/detail');
      limiter.release('GET /account/detail', { headers: {}, serverOffsetMs: 0 });
    }
    expect(sleeps).toEqual([]);
  });
});
