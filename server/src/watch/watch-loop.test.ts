import { describe, expect, it } from 'vitest';
import { parseDuration } from './parse-duration.ts';
import { runWatchLoop, type WatchClock, type WatchTick } from './watch-loop.ts';

/** A clock that only moves when the loop sleeps or a run says it took time; sleeps end at once. */
function fakeClock() {
  let nowMs = 0;
  const sleeps: number[] = [];
  const clock: WatchClock = {
    now: () => nowMs,
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      if (!signal.aborted) nowMs += ms;
    },
  };
  return { clock, sleeps, advance: (ms: number) => void (nowMs += ms), now: () => nowMs };
}

const HOUR = 3_600_000;

describe('runWatchLoop', () => {
  it('runs at once, then every interval from each run\'s start, and stops when told', async () => {
    const { clock, sleeps, advance } = fakeClock();
    const controller = new AbortController();
    const starts: number[] = [];
    await runWatchLoop({
      everyMs: 6 * HOUR,
      clock,
      signal: controller.signal,
      runOnce: async () => {
        starts.push(clock.now());
        advance(10 * 60_000);
        if (starts.length === 3) controller.abort();
      },
    });
    expect(starts).toEqual([0, 6 * HOUR, 12 * HOUR]);
    expect(sleeps).toEqual([6 * HOUR - 600_000, 6 * HOUR - 600_000]);
  });

  it('never overlaps: a run longer than the interval delays the next one', async () => {
    const { clock, advance } = fakeClock();
    const controller = new AbortController();
    let running = 0;
    let maxRunning = 0;
    const starts: number[] = [];
    await runWatchLoop({
      everyMs: HOUR,
      clock,
      signal: controller.signal,
      runOnce: async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        starts.push(clock.now());
        advance(90 * 60_000);
        await Promise.resolve();
        running--;
        if (starts.length === 3) controller.abort();
      },
    });
    expect(maxRunning).toBe(1);
    expect(starts).toEqual([0, 90 * 60_000, 180 * 60_000]);
  });

  it('a failing run is reported and retried at the next tick', async () => {
    const { clock } = fakeClock();
    const controller = new AbortController();
    const ticks: [WatchTick['outcome'], unknown][] = [];
    let calls = 0;
    await runWatchLoop({
      everyMs: HOUR,
      clock,
      signal: controller.signal,
      runOnce: async () => {
        calls++;
        if (calls === 1) throw new Error('exchange down');
        controller.abort();
      },
      onTick: (tick, error) => ticks.push([tick.outcome, error instanceof Error ? error.message : error]),
    });
    expect(ticks).toEqual([['failed', 'exchange down'], ['ok', null]]);
  });

  it('a stop during a run passes the signal to it and ends after it, without another run', async () => {
    const { clock } = fakeClock();
    const controller = new AbortController();
    const outcomes: WatchTick['outcome'][] = [];
    let sawAbort = false;
    let calls = 0;
    await runWatchLoop({
      everyMs: HOUR,
      clock,
      signal: controller.signal,
      runOnce: async (signal) => {
        calls++;
        controller.abort(); // SIGTERM arrives mid-run
        sawAbort = signal.aborted;
        throw new Error('abandoned the run in flight');
      },
      onTick: (tick) => outcomes.push(tick.outcome),
    });
    expect({ calls, sawAbort, outcomes }).toEqual({ calls: 1, sawAbort: true, outcomes: ['abandoned'] });
  });
});

describe('parseDuration', () => {
  it.each([
    ['15m', 900_000],
    ['6h', 21_600_000],
    ['1d', 86_400_000],
    ['1h30m', 5_400_000],
    ['365d', 31_536_000_000],
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '6', 'h', '-1h', '1.5h', '6 h', '0m', '1w'])('refuses %j', (text) => expect(parseDuration(text)).toBeNull());
});
