import { describe, expect, it } from 'vitest';
import { ExchangeError } from './exchange-error.ts';
import { createServerClock } from './server-clock.ts';

/** A clock that advances `stepMs` every time it is read, and a server whose answers are queued. */
function setup(answers: (number | Error)[], stepMs = 100) {
  let clockMs = 1_000;
  let reads = 0;
  const clock = createServerClock({
    now: () => (clockMs += stepMs) - stepMs,
    readServerMs: async () => {
      reads += 1;
      const answer = answers.shift();
      if (answer === undefined) throw new Error('no answer queued');
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });
  return { clock, reads: () => reads };
}

const skew = () => new ExchangeError('clock-skew', 'The timestamp was refused.');

describe(createServerClock.name, () => {
  it('takes the middle of the round trip as the moment the server read its clock', async () => {
    // Our clock reads 1000 before and 1100 after the request: the server's 61_050 was read at about 1050.
    const { clock } = setup([61_050]);
    expect(clock.latestOffsetMs()).toBe(0);
    expect(await clock.offsetMs()).toBe(60_000);
    expect(clock.latestOffsetMs()).toBe(60_000);
  });

  it('reads the server clock once for concurrent first calls, and not again later', async () => {
    const { clock, reads } = setup([5_000]);
    const offsets = await Promise.all([clock.offsetMs(), clock.offsetMs(), clock.offsetMs()]);
    expect(new Set(offsets).size).toBe(1);
    await clock.offsetMs();
    expect(reads()).toBe(1);
  });

  it('measures again after a failed measurement', async () => {
    const { clock, reads } = setup([new ExchangeError('unreachable', 'down'), 1_150]);
    await expect(clock.offsetMs()).rejects.toMatchObject({ kind: 'unreachable' });
    expect(await clock.offsetMs()).toBe(0);
    expect(reads()).toBe(2);
  });

  it('re-measures and runs a call once more when the exchange refuses its timestamp', async () => {
    const { clock, reads } = setup([1_050, 2_250]);
    const results: (number | Error)[] = [skew(), 42];
    const answer = await clock.retryOnClockSkew(async () => {
      const offsetMs = await clock.offsetMs();
      const result = results.shift()!;
      if (result instanceof Error) throw result;
      return result + offsetMs;
    });
    expect(answer).toBe(42 + 1_000);
    expect(reads()).toBe(2);
  });

  it('gives up after the second refusal and lets other failures through without re-measuring', async () => {
    const { clock, reads } = setup([1_050, 1_050]);
    let calls = 0;
    await expect(clock.retryOnClockSkew(async () => {
      calls += 1;
      await clock.offsetMs();
      throw skew();
    })).rejects.toMatchObject({ kind: 'clock-skew' });
    expect(calls).toBe(2);
    await expect(clock.retryOnClockSkew(async () => {
      throw new ExchangeError('bad-signature', 'wrong');
    })).rejects.toMatchObject({ kind: 'bad-signature' });
    expect(reads()).toBe(2);
  });
});
