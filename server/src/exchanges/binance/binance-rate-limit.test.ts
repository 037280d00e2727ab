import { describe, expect, it } from 'vitest';
import { createBinanceRateLimiter, type BinanceWeightPool } from './binance-rate-limit.ts';

const SUB_KEYS: BinanceWeightPool = { id: 'uid:/sapi/v1/sub-account/subAccountApi', header: 'X-SAPI-USED-UID-WEIGHT-1M', limitPerMinute: 9_000 };
const OTHER: BinanceWeightPool = { id: 'ip:/sapi/v1/sub-account/list', header: 'X-SAPI-USED-IP-WEIGHT-1M', limitPerMinute: 12_000 };

/** A budget like Binance's: `limit` weight per clock minute, reported in a used-weight header. */
function createFakeBudget(limit: number, now: () => number) {
  let minuteMs = -1;
  let used = 0;
  let refused = 0;
  return {
    get refused() {
      return refused;
    },
    call(weight: number): Record<string, string> {
      const minute = Math.floor(now() / 60_000) * 60_000;
      if (minute !== minuteMs) {
        minuteMs = minute;
        used = 0;
      }
      if (used + weight > limit) refused += 1;
      else used += weight;
      return { 'x-sapi-used-uid-weight-1m': String(used) };
    },
  };
}

function setup(startMs = Date.UTC(2026, 10, 1, 12, 0, 10)) {
  let clockMs = startMs;
  const sleeps: number[] = [];
  const limiter = createBinanceRateLimiter({
    serverNow: () => clockMs,
    sleep: async (ms) => {
      sleeps.push(ms);
      clockMs += ms;
    },
    maxWaitMs: 60_000,
  });
  const budget = createFakeBudget(SUB_KEYS.limitPerMinute, () => clockMs);
  const call = async (weight = 3_000) => {
    const release = await limiter.acquire(SUB_KEYS, weight);
    await Promise.resolve();
    release(budget.call(weight));
  };
  return { limiter, budget, sleeps, call, now: () => clockMs };
}

describe(createBinanceRateLimiter.name, () => {
  it('waits for the next minute when the budget cannot pay for the next call', async () => {
    const { budget, sleeps, call } = setup();
    for (let i = 0; i < 7; i += 1) await call();
    expect(budget.refused).toBe(0);
    expect(sleeps).toEqual([50_000, 60_000]);
  });

  it('keeps concurrent callers inside the budget, also right after the minute turns', async () => {
    const { budget, sleeps, call } = setup();
    await Promise.all(Array.from({ length: 10 }, () => call()));
    expect(budget.refused).toBe(0);
    expect(sleeps).toHaveLength(3);
  });

  it('counts every budget on its own', async () => {
    const { limiter, sleeps } = setup();
    (await limiter.acquire(SUB_KEYS, 3_000))({ 'X-SAPI-USED-UID-WEIGHT-1M': '9000' });
    (await limiter.acquire(OTHER, 1))({ 'x-sapi-used-ip-weight-1m': '1' });
    expect(sleeps).toEqual([]);
    await limiter.acquire(SUB_KEYS, 3_000);
    expect(sleeps).toEqual([50_000]);
  });

  it('trusts the highest counter of a minute when answers arrive out of order', async () => {
    const { limiter, sleeps } = setup();
    const releaseFirst = await limiter.acquire(SUB_KEYS, 3_000);
    const releaseSecond = await limiter.acquire(SUB_KEYS, 3_000);
    releaseFirst({ 'x-sapi-used-uid-weight-1m': '9000' });
    releaseSecond({ 'x-sapi-used-uid-weight-1m': '6000' });
    await limiter.acquire(SUB_KEYS, 3_000);
    expect(sleeps).toEqual([50_000]);
  });

  it('does not take the counter of a call sent before the minute turned for the new minute', async () => {
    const { limiter, sleeps, now } = setup();
    const releaseLate = await limiter.acquire(SUB_KEYS, 3_000);
    (await limiter.acquire(SUB_KEYS, 3_000))({ 'x-sapi-used-uid-weight-1m': '9000' });
    // The minute is spent: the next call waits for it to turn while the first is still out.
    await limiter.acquire(SUB_KEYS, 3_000);
    expect(now() % 60_000).toBe(0);
    // The first call's answer speaks of the old minute; the new one holds that call's weight, to be safe, and the call
    // just sent: one more call still fits.
    releaseLate({ 'x-sapi-used-uid-weight-1m': '9000' });
    await limiter.acquire(SUB_KEYS, 3_000);
    expect(sleeps).toEqual([50_000]);
  });

  it('does not wait while nothing is known, or for answers without the header', async () => {
    const { limiter, sleeps } = setup();
    for (let i = 0; i < 5; i += 1) {
      (await limiter.acquire(SUB_KEYS, 3_000))({ 'content-type': 'application/json' });
    }
    expect(sleeps).toEqual([]);
  });

  it('lets a call heavier than the whole budget through rather than waiting forever', async () => {
    const { limiter, sleeps } = setup();
    await limiter.acquire(SUB_KEYS, 20_000);
    expect(sleeps).toEqual([]);
  });

  it('marks a budget spent after a 429, so later callers wait for the next minute', async () => {
    const { limiter, sleeps, now } = setup();
    limiter.markSpent(SUB_KEYS);
    await limiter.acquire(OTHER, 1);
    expect(sleeps).toEqual([]);
    await limiter.acquire(SUB_KEYS, 3_000);
    expect(sleeps).toEqual([50_000]);
    expect(now() % 60_000).toBe(0);
  });
});
