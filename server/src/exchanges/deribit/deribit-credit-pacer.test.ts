import { describe, expect, it } from 'vitest';
import { createDeribitCreditPacer, DERIBIT_DEFAULT_CREDITS } from './deribit-credit-pacer.ts';

function pacerWithClock() {
  let nowMs = 0;
  const sleeps: number[] = [];
  const pacer = createDeribitCreditPacer({
    now: () => nowMs,
    sleep: async (ms) => {
      sleeps.push(ms);
      nowMs += ms;
    },
  });
  return { pacer, sleeps, elapse: (ms: number) => void (nowMs += ms) };
}

describe(createDeribitCreditPacer.name, () => {
  it('lets a burst of 100 requests through at once, then paces to 20 a second', async () => {
    const { pacer, sleeps } = pacerWithClock();
    const burst = DERIBIT_DEFAULT_CREDITS.maxCredits / DERIBIT_DEFAULT_CREDITS.costPerRequest;
    await Promise.all(Array.from({ length: burst }, () => pacer.acquire()));
    expect(sleeps).toEqual([]);
    await Promise.all(Array.from({ length: 3 }, () => pacer.acquire()));
    expect(sleeps).toEqual([50, 50, 50]);
  });

  it('refills while idle, never beyond the pool', async () => {
    const { pacer, sleeps, elapse } = pacerWithClock();
    await Promise.all(Array.from({ length: 100 }, () => pacer.acquire()));
    elapse(60_000);
    await Promise.all(Array.from({ length: 100 }, () => pacer.acquire()));
    expect(sleeps).toEqual([]);
    await pacer.acquire();
    expect(sleeps).toEqual([50]);
  });

  it('starts from an empty pool after a refusal', async () => {
    const { pacer, sleeps } = pacerWithClock();
    pacer.drain();
    await pacer.acquire();
    expect(sleeps).toEqual([50]);
  });
});
