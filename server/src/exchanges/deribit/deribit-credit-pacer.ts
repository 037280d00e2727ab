/**
 * Deribit's credit pool for non-matching-engine requests, kept on this side so keyaudit never runs it dry: each request
 * costs 500 credits from a pool of at most 50,000 that refills at 10,000 credits a second, i.e. 20 requests a second
 * sustained with bursts of 100 (docs/exchanges/deribit.md#rate-limits). A tier may have more; never less is assumed.
 */
export const DERIBIT_DEFAULT_CREDITS = { costPerRequest: 500, maxCredits: 50_000, refillPerSecond: 10_000 } as const;

export type DeribitCreditPacerDeps = {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  credits?: { costPerRequest: number; maxCredits: number; refillPerSecond: number };
};

export function createDeribitCreditPacer({ now, sleep, credits = DERIBIT_DEFAULT_CREDITS }: DeribitCreditPacerDeps) {
  let available: number = credits.maxCredits;
  let updatedAtMs = now();
  /** Requests waiting, so that concurrent callers queue instead of all seeing the same credits. */
  let queue: Promise<void> = Promise.resolve();

  function refill(): void {
    const nowMs = now();
    available = Math.min(credits.maxCredits, available + ((nowMs - updatedAtMs) / 1000) * credits.refillPerSecond);
    updatedAtMs = nowMs;
  }

  return {
    /** Resolves once a request may go: the pool holds its cost, which is then spent. */
    acquire(): Promise<void> {
      const turn = queue.then(async () => {
        refill();
        if (available < credits.costPerRequest) {
          await sleep(Math.ceil(((credits.costPerRequest - available) / credits.refillPerSecond) * 1000));
          refill();
        }
        available -= credits.costPerRequest;
      });
      queue = turn.catch(() => {});
      return turn;
    },
    /** After a too_many_requests refusal the pool is empty, whatever this side counted. */
    drain(): void {
      refill();
      available = 0;
    },
  };
}
