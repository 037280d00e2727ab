import { headerValue } from '../header-value.ts';

/**
 * One Binance weight budget. /api/* shares one IP budget (X-MBX-USED-WEIGHT-1M); on /sapi/* every endpoint has its
 * own IP budget (X-SAPI-USED-IP-WEIGHT-1M, 12 000 a minute) or UID budget (X-SAPI-USED-UID-WEIGHT-1M, 180 000 a
 * minute) — docs/exchanges/binance.md#rate-limits. Listing or deleting a sub-account key costs 3 000 UID weight.
 */
export type BinanceWeightPool = { id: string; header: string; limitPerMinute: number };

export type BinanceRateLimiter = {
  /**
   * Resolves once `pool` should be able to pay `weight`, with the function that ends the call: give it the headers of
   * the answer, if one came, which say what the minute has used.
   */
  acquire(pool: BinanceWeightPool, weight: number): Promise<(headers?: Record<string, string>) => void>;
  /** After a 429: the budget is spent for the rest of this minute, so other callers wait instead of provoking more. */
  markSpent(pool: BinanceWeightPool): void;
};

export type BinanceRateLimiterDeps = {
  /** Binance's clock as best known (local clock plus offset): the weight counters reset on its minute boundaries. */
  serverNow: () => number;
  sleep: (ms: number) => Promise<void>;
  maxWaitMs: number;
};

const MINUTE_MS = 60_000;
const minuteOf = (ms: number) => Math.floor(ms / MINUTE_MS) * MINUTE_MS;

type Bucket = { minuteMs: number; used: number; inFlight: number; wait: Promise<void> | null; waiters: (() => void)[] };

/**
 * Paces calls so that they stay inside each budget instead of provoking a 429 (and, after repeated 429s, an IP ban:
 * HTTP 418). Counters are assumed to reset on the minute (UNVERIFIED: the docs say "per minute" only). Concurrency-safe.
 */
export function createBinanceRateLimiter({ serverNow, sleep, maxWaitMs }: BinanceRateLimiterDeps): BinanceRateLimiter {
  const buckets = new Map<string, Bucket>();
  const bucketOf = (pool: BinanceWeightPool): Bucket => {
    let bucket = buckets.get(pool.id);
    if (!bucket) {
      bucket = { minuteMs: minuteOf(serverNow()), used: 0, inFlight: 0, wait: null, waiters: [] };
      buckets.set(pool.id, bucket);
    }
    return bucket;
  };
  const rollOver = (bucket: Bucket, nowMs: number) => {
    if (minuteOf(nowMs) > bucket.minuteMs) {
      bucket.minuteMs = minuteOf(nowMs);
      bucket.used = 0;
    }
  };

  return {
    async acquire(pool, weight) {
      const bucket = bucketOf(pool);
      for (;;) {
        if (bucket.wait) {
          await bucket.wait;
          continue;
        }
        const nowMs = serverNow();
        rollOver(bucket, nowMs);
        const fits = bucket.used + bucket.inFlight + weight <= pool.limitPerMinute;
        if (fits || weight > pool.limitPerMinute) break;
        if (bucket.inFlight > 0 && bucket.used + weight <= pool.limitPerMinute) {
          // Answers still out may show the minute has room after all: wait for one instead of for the minute.
          await new Promise<void>((resolve) => bucket.waiters.push(resolve));
          continue;
        }
        bucket.wait = sleep(Math.min(bucket.minuteMs + MINUTE_MS - nowMs, maxWaitMs)).then(() => {
          bucket.wait = null;
        });
      }
      bucket.inFlight += weight;
      const acquiredInMinuteMs = bucket.minuteMs;
      return (headers) => {
        bucket.inFlight = Math.max(0, bucket.inFlight - weight);
        const text = headers ? headerValue(headers, pool.header.toLowerCase())?.trim() : undefined;
        const used = Number(text);
        if (text && Number.isFinite(used) && used >= 0) {
          rollOver(bucket, serverNow());
          // BAD:  take the counter of a call sent before the minute turned as the new minute's: it may speak of the
          //       old minute, nearly spent, and hold every caller back for a whole minute more.
          // GOOD: Binance counted that call in one minute or the other; count its weight in the new one, to be safe.
          if (bucket.minuteMs !== acquiredInMinuteMs) bucket.used += weight;
          // Answers of concurrent calls arrive out of order; within one minute the counter only grows.
          else bucket.used = Math.max(bucket.used, used);
        }
        const waiters = bucket.waiters.splice(0);
        for (const resolve of waiters) resolve();
      };
    },
    markSpent(pool) {
      const bucket = bucketOf(pool);
      rollOver(bucket, serverNow());
      bucket.used = Math.max(bucket.used, pool.limitPerMinute);
    },
  };
}
