import { headerValue } from '../header-value.ts';

/**
 * Paces calls against Bybit's API rate limit: "rolling time window per second and UID", one limit per endpoint
 * (docs/v5/rate-limit/rate-limit.mdx). Counts this connection's own calls per path, learns each limit from
 * X-Bapi-Limit, and holds a path back for a window when X-Bapi-Limit-Status says nothing is left (other
 * programs may share the UID). Safe for concurrent callers.
 */
export type BybitRateLimiter = {
  /** Resolves once a call to `path` fits the limit; the caller must call the returned release() when it ends. */
  acquire(path: string): Promise<(answerHeaders?: Record<string, string>) => void>;
};

export type BybitRateLimiterDeps = {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Requests per second per path until Bybit's X-Bapi-Limit says otherwise. */
  limitsPerSecond: Readonly<Record<string, number>>;
};

const WINDOW_MS = 1_000;
/** A little extra at the window's edge, for clocks and rounding. */
const EDGE_MARGIN_MS = 50;
const FALLBACK_LIMIT = 5;

/** One call in a path's window. Bybit counts it on arrival, at the latest when its answer comes back. */
type WindowEntry = { atMs: number; isInFlight: boolean };
type PathState = { limit: number; entries: WindowEntry[]; blockedUntilMs: number };

export function createBybitRateLimiter({ now, sleep, limitsPerSecond }: BybitRateLimiterDeps): BybitRateLimiter {
  const paths = new Map<string, PathState>();
  let releaseWaiters: (() => void)[] = [];
  const waitForARelease = () => new Promise<void>((resolve) => releaseWaiters.push(resolve));

  const stateOf = (path: string) => {
    let state = paths.get(path);
    if (!state) {
      state = { limit: limitsPerSecond[path] ?? FALLBACK_LIMIT, entries: [], blockedUntilMs: 0 };
      paths.set(path, state);
    }
    return state;
  };

  function readHeaders(state: PathState, headers: Record<string, string>) {
    const limit = Number(headerValue(headers, 'x-bapi-limit'));
    if (Number.isInteger(limit) && limit > 0) state.limit = limit;
    const remainingText = headerValue(headers, 'x-bapi-limit-status');
    if (remainingText === undefined || remainingText.trim() === '' || Number(remainingText) > 0) return;
    // Nothing left. When our own calls fill the window, acquire() already waits for the oldest of them to leave it;
    // holding the path back a whole window from now as well would only slow us down. Fewer of ours: someone else's
    // calls fill it, and we cannot tell when theirs leave.
    const nowMs = now();
    const ownCalls = state.entries.filter((entry) => entry.isInFlight || entry.atMs + WINDOW_MS + EDGE_MARGIN_MS > nowMs).length;
    if (ownCalls < state.limit) state.blockedUntilMs = Math.max(state.blockedUntilMs, nowMs + WINDOW_MS);
  }

  return {
    async acquire(path) {
      const state = stateOf(path);
      for (;;) {
        const nowMs = now();
        // BAD:  forget a call one window after it was *sent*: if it arrived late, Bybit still counts it.
        // GOOD: keep it until one window after its answer came back, by which time Bybit has surely seen it.
        state.entries = state.entries.filter((entry) => entry.isInFlight || entry.atMs + WINDOW_MS + EDGE_MARGIN_MS > nowMs);
        const isFull = state.entries.length >= state.limit;
        if (!isFull && nowMs >= state.blockedUntilMs) break;
        const answered = state.entries.filter((entry) => !entry.isInFlight);
        if (isFull && answered.length === 0) {
          await waitForARelease();
          continue;
        }
        const freesAtMs = isFull ? Math.min(...answered.map((entry) => entry.atMs)) + WINDOW_MS + EDGE_MARGIN_MS : nowMs;
        await sleep(Math.max(1, Math.max(freesAtMs, state.blockedUntilMs) - nowMs));
      }
      const entry: WindowEntry = { atMs: now(), isInFlight: true };
      state.entries.push(entry);
      return (answerHeaders) => {
        entry.atMs = now();
        entry.isInFlight = false;
        if (answerHeaders) readHeaders(state, answerHeaders);
        const waiters = releaseWaiters;
        releaseWaiters = [];
        for (const resolve of waiters) resolve();
      };
    },
  };
}
