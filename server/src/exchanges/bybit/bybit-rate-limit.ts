import { headerValue } from './bybit-errors.ts';

/**
 * Paces calls against Bybit's API rate limit: "rolling time window per second and UID", one limit per endpoint
 * (docs/v5/rate-limit/rate-limit.mdx). Counts this connection's own calls per path, learns each limit from
 * X-Bapi-Limit, and holds a path back for a window when X-Bapi-Limit-Status says nothing is left (other
 * programs may share the UID). Safe for concurrent callers.
 */
export type BybitRateLimiter = {
  /** Resolves once a call to `path` fits the limit; counts it as started. */
  acquire(path: string): Promise<void>;
  /** Reads the rate-limit headers of an answer from `path`. */
  observe(path: string, headers: Record<string, string>): void;
};

export type BybitRateLimiterDeps = {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Requests per second per path until Bybit's X-Bapi-Limit says otherwise. */
  limitsPerSecond: Readonly<Record<string, number>>;
};

const WINDOW_MS = 1_000;
/** Bybit counts a call when it arrives, a little after we send it: keep a margin at the window's edge. */
const EDGE_MARGIN_MS = 100;
const FALLBACK_LIMIT = 5;

export function createBybitRateLimiter({ now, sleep, limitsPerSecond }: BybitRateLimiterDeps): BybitRateLimiter {
  const paths = new Map<string, { limit: number; startsMs: number[]; blockedUntilMs: number }>();
  const stateOf = (path: string) => {
    let state = paths.get(path);
    if (!state) {
      state = { limit: limitsPerSecond[path] ?? FALLBACK_LIMIT, startsMs: [], blockedUntilMs: 0 };
      paths.set(path, state);
    }
    return state;
  };

  return {
    async acquire(path) {
      const state = stateOf(path);
      for (;;) {
        const nowMs = now();
        state.startsMs = state.startsMs.filter((startMs) => startMs + WINDOW_MS + EDGE_MARGIN_MS > nowMs);
        const isFull = state.startsMs.length >= state.limit;
        if (!isFull && nowMs >= state.blockedUntilMs) {
          state.startsMs.push(nowMs);
          return;
        }
        const windowFreesAtMs = isFull ? (state.startsMs[0] ?? nowMs) + WINDOW_MS + EDGE_MARGIN_MS : nowMs;
        await sleep(Math.max(1, Math.max(windowFreesAtMs, state.blockedUntilMs) - nowMs));
      }
    },
    observe(path, headers) {
      const state = stateOf(path);
      const limit = Number(headerValue(headers, 'x-bapi-limit'));
      if (Number.isInteger(limit) && limit > 0) state.limit = limit;
      const remainingText = headerValue(headers, 'x-bapi-limit-status');
      if (remainingText !== undefined && remainingText.trim() !== '' && Number(remainingText) <= 0) {
        state.blockedUntilMs = Math.max(state.blockedUntilMs, now() + WINDOW_MS);
      }
    },
  };
}
