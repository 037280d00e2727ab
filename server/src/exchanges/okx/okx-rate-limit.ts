/**
 * Paces calls against OKX's per-endpoint limits ("5 requests per 2 seconds", rule: User ID). OKX sends no
 * rate-limit headers, so the client keeps its own record of when each endpoint was last called and waits
 * for a slot instead of provoking 50011. Safe for concurrent callers: a slot is taken synchronously.
 */
export type OkxEndpointLimit = { requests: number; windowMs: number };

export type OkxRateLimiter = {
  /** Resolves once `endpoint` may be called without exceeding `limit`; the slot is then taken. */
  acquire(endpoint: string, limit: OkxEndpointLimit): Promise<void>;
};

export type OkxRateLimiterDeps = {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
};

/** Our clock and OKX's see a request at slightly different moments; a little slack avoids a needless 50011. */
const SLACK_MS = 100;

export function createOkxRateLimiter({ now, sleep }: OkxRateLimiterDeps): OkxRateLimiter {
  const startsByEndpoint = new Map<string, number[]>();

  return {
    async acquire(endpoint, { requests, windowMs }) {
      for (;;) {
        const nowMs = now();
        const starts = (startsByEndpoint.get(endpoint) ?? []).filter((startMs) => nowMs - startMs < windowMs + SLACK_MS);
        startsByEndpoint.set(endpoint, starts);
        if (starts.length < requests) {
          starts.push(nowMs);
          return;
        }
        await sleep(Math.max(1, starts[0]! + windowMs + SLACK_MS - nowMs));
      }
    },
  };
}
