import { ExchangeError } from './exchange-error.ts';

export type ServerClockDeps = {
  now: () => number;
  /** Reads the exchange's clock in ms from its public time endpoint. */
  readServerMs: () => Promise<number>;
};

export type ServerClock = ReturnType<typeof createServerClock>;

/**
 * How far an exchange's clock is ahead of ours, for signed timestamps it will accept. Measured on first use and shared
 * by concurrent first calls, so the clock is read once; a failed measurement is dropped, so the next call tries again.
 */
export function createServerClock({ now, readServerMs }: ServerClockDeps) {
  let measuring: Promise<number> | null = null;
  let latestOffsetMs = 0;

  async function measureOffsetMs(): Promise<number> {
    const startedMs = now();
    const serverMs = await readServerMs();
    // The server read its clock somewhere in the round trip; the middle is the best guess.
    latestOffsetMs = serverMs - (startedMs + now()) / 2;
    return latestOffsetMs;
  }

  function offsetMs(): Promise<number> {
    if (measuring) return measuring;
    const offset = measureOffsetMs();
    measuring = offset;
    offset.catch(() => {
      if (measuring === offset) measuring = null;
    });
    return offset;
  }

  return {
    /** Resolves to the exchange's clock minus ours, in ms. */
    offsetMs,
    /** The offset last measured, 0 before the first: for code that needs the exchange's time without waiting. */
    latestOffsetMs: () => latestOffsetMs,
    /**
     * Runs `call`; if the exchange refuses its timestamp (kind clock-skew, as after drift since the last
     * measurement), measures again and runs it once more.
     */
    async retryOnClockSkew<T>(call: () => Promise<T>): Promise<T> {
      try {
        return await call();
      } catch (error) {
        if (!(error instanceof ExchangeError) || error.kind !== 'clock-skew') throw error;
        measuring = null;
        return call();
      }
    },
  };
}
