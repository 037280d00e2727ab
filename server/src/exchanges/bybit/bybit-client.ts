import type { AdapterDeps, Credentials } from '../exchange-adapter.ts';
import type { ExchangeError } from '../exchange-error.ts';
import type { HttpResponse } from '../http-transport.ts';
import { defaultSleep, runWithRetries, type RetryDeps } from '../run-with-retries.ts';
import { sendRequest } from '../send-request.ts';
import { createServerClock } from '../server-clock.ts';
import { parseBybitEnvelope } from './bybit-errors.ts';
import { createBybitRateLimiter } from './bybit-rate-limit.ts';
import { bybitServerTimeSchema, parseBybitResult } from './bybit-responses.ts';
import { signBybitRequest, type BybitRequest } from './bybit-sign.ts';

export type BybitClientDeps = AdapterDeps & RetryDeps;

type WithoutBaseUrl<T> = T extends unknown ? Omit<T, 'baseUrl'> : never;
export type BybitCall = WithoutBaseUrl<BybitRequest> & {
  /** Whether repeating the call after a 5xx or lost answer is harmless. Defaults to true for GET only. */
  isRetrySafe?: boolean;
};

/** Per-UID limits of the endpoints keyaudit calls, per second (docs/v5/rate-limit/rate-limit.mdx, "User"). */
export const BYBIT_RATE_LIMITS: Readonly<Record<string, number>> = {
  '/v5/user/query-api': 10,
  '/v5/user/submembers': 5,
  '/v5/user/sub-apikeys': 10,
  '/v5/user/delete-sub-api': 5,
  '/v5/user/delete-api': 5,
};

const MAX_WAIT_MS = 30_000;
const DEFAULT_RATE_LIMIT_WAIT_MS = 1_000;
/**
 * Bybit accepts "server_time - recv_window <= timestamp < server_time + 1000" (docs/exchanges/bybit.md#timestamp-window): four times more room
 * behind than ahead, so timestamps lean this far behind the estimated server time.
 */
const LEAN_BEHIND_MS = 500;

/** Sends signed Bybit requests for one connection: keeps the server-clock offset, paces calls, retries what is safe. */
export function createBybitClient(deps: BybitClientDeps) {
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;
  const limiter = createBybitRateLimiter({ now: deps.now, sleep, limitsPerSecond: BYBIT_RATE_LIMITS });
  const clock = createServerClock({ now: deps.now, readServerMs: fetchServerTimeMs });

  /** GET /v5/market/time is public (docs/exchanges/bybit.md#server-time). */
  async function fetchServerTimeMs(): Promise<number> {
    const response = await sendRequest(deps.transport, { method: 'GET', url: `${deps.baseUrl.replace(/\/+$/, '')}/v5/market/time`, headers: {} });
    const time = parseBybitResult(bybitServerTimeSchema, parseBybitEnvelope(response));
    return time.timeNano ? Number(BigInt(time.timeNano) / 1_000_000n) : Number(time.timeSecond) * 1000;
  }

  async function attempt(credentials: Credentials, call: BybitCall): Promise<unknown> {
    const offsetMs = await clock.offsetMs();
    const release = await limiter.acquire(call.path);
    let response: HttpResponse | undefined;
    try {
      // Signed only now: waiting for the rate limit must not age the timestamp.
      const timestampMs = Math.round(deps.now() + offsetMs) - LEAN_BEHIND_MS;
      response = await sendRequest(deps.transport, signBybitRequest({ ...call, baseUrl: deps.baseUrl }, credentials, timestampMs));
    } finally {
      release(response?.headers);
    }
    return parseBybitEnvelope(response);
  }

  /**
   * 10006 means Bybit refused the call unprocessed. An IP block (HTTP 403, about 10 minutes) is not worth waiting
   * for inside one audit.
   */
  async function waitOutRateLimit(error: ExchangeError): Promise<boolean> {
    const waitMs = error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS;
    if (waitMs > MAX_WAIT_MS) return false;
    await sleep(waitMs);
    return true;
  }

  return {
    async fetchPrivate(credentials: Credentials, call: BybitCall): Promise<unknown> {
      const policy = { isRetrySafe: call.isRetrySafe ?? call.method === 'GET', sleep, random, waitOutRateLimit };
      // 10002 after the clock drifted since the last sync: re-sync and retry once.
      return clock.retryOnClockSkew(() => runWithRetries(() => attempt(credentials, call), policy));
    },
  };
}

export type BybitClient = ReturnType<typeof createBybitClient>;
