/**
 * Paces calls against OKX's per-endpoint limits ("5 requests per 2 seconds", rule: User ID). OKX sends no
 * rate-limit headers, so the client keeps its own record of each endpoint's calls and waits for a slot instead of
 * provoking 50011. Safe for concurrent callers: a slot is taken synchronously.
 */
export type OkxEndpointLimit = { requests: number; windowMs: number };

export type OkxRateLimiter = {
  /**
   * Resolves once `endpoint` may be called without exceeding `limit`; the slot is then taken, and the returned function
   * must be called when the call ends, answered or not.
   */
  acquire(endpoint: string, limit: OkxEndpointLimit): Promise<() => void>;
};

export type OkxRateLimiterDeps = {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
};

/** Our clock and OKX's see a request at slightly different moments; a little slack avoids a needless 50011. */
const SLACK_MS = 100;

/** One call in an endpoint's window. OKX counts it when it arrives: at the latest when its answer comes back. */
type Slot = { atMs: number; isInFlight: boolean };

export function createOkxRateLimiter({ now, sleep }: OkxRateLimiterDeps): OkxRateLimiter {
  const slotsByEndpoint = new Map<string, Slot[]>();
  let releaseWaiters: (() => void)[] = [];
  const waitForARelease = () => new Promise<void>((resolve) => releaseWaiters.push(resolve));

  return {
    async acquire(endpoint, { requests, windowMs }) {
      for (;;) {
        const nowMs = now();
        // BAD:  free a slot one window after the call was sent: a call that arrived late is still in OKX's window.
        // GOOD: free it one window after its answer came back, by which time OKX has surely counted it.
        const slots = (slotsByEndpoint.get(endpoint) ?? []).filter((slot) => slot.isInFlight || nowMs - slot.atMs < windowMs + SLACK_MS);
        slotsByEndpoint.set(endpoint, slots);
        if (slots.length < requests) {
          const slot: Slot = { atMs: nowMs, isInFlight: true };
          slots.push(slot);
          return () => {
            slot.atMs = now();
            slot.isInFlight = false;
            const waiters = releaseWaiters;
            releaseWaiters = [];
            for (const resolve of waiters) resolve();
          };
        }
        const answered = slots.filter((slot) => !slot.isInFlight);
        if (answered.length === 0) await waitForARelease();
        else await sleep(Math.max(1, Math.min(...answered.map((slot) => slot.atMs)) + windowMs + SLACK_MS - nowMs));
      }
    },
  };
}
