export type WatchClock = {
  now(): number;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
};

export type WatchTick = { startedAt: number; finishedAt: number; outcome: 'ok' | 'failed' | 'abandoned' };

/**
 * Runs `runOnce` now and then every `everyMs`, measured from each run's start, never two at once: a run that
 * overruns the interval delays the next one instead of overlapping it. A run that throws is logged by the
 * caller's `onTick` and retried at the next tick. Abort `signal` to stop: a sleep ends at once; a run in flight
 * receives the same signal so it can finish or abandon cleanly, and the loop ends after it.
 */
export async function runWatchLoop({ everyMs, runOnce, clock, signal, onTick = () => {} }: {
  everyMs: number;
  runOnce: (signal: AbortSignal) => Promise<void>;
  clock: WatchClock;
  signal: AbortSignal;
  onTick?: (tick: WatchTick, error: unknown) => void;
}): Promise<void> {
  while (!signal.aborted) {
    const startedAt = clock.now();
    let outcome: WatchTick['outcome'] = 'ok';
    let failure: unknown = null;
    try {
      await runOnce(signal);
    } catch (error) {
      outcome = signal.aborted ? 'abandoned' : 'failed';
      failure = error;
    }
    onTick({ startedAt, finishedAt: clock.now(), outcome }, failure);
    if (signal.aborted) return;
    const wait = Math.max(0, startedAt + everyMs - clock.now());
    await clock.sleep(wait, signal);
  }
}

export const realWatchClock: WatchClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    }),
};
