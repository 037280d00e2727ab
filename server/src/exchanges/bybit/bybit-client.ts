import type { AdapterDeps, Credentials } from '../exchange-adapter.ts';
import { ExchangeError, toFailure } from '../exchange-error.ts';
import type { HttpRequest, HttpResponse } from '../http-transport.ts';
import { parseBybitEnvelope } from './bybit-errors.ts';
import { createBybitRateLimiter } from './bybit-rate-limit.ts';
import { bybitServerTimeSchema, parseBybitResult } from './bybit-responses.ts';
import { signBybitRequest, type BybitRequest } from './bybit-sign.ts';

export type BybitClientDeps = AdapterDeps & {
  /** Waits between retries and for rate limits; injected so tests do not sleep for real. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source for retry backoff; defaults to Math.random. */
  random?: () => number;
};

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
const MAX_RATE_LIMIT_RETRIES = 3;
const MAX_FAILURE_RETRIES = 2;
const BACKOFF_MS = 500;
const JITTER_MS = 250;
const TRANSIENT_KINDS = new Set(['exchange-error', 'unreachable', 'timeout']);
/**
 * Bybit accepts "server_time - recv_window <= timestamp < server_time + 1000" (§3.1): four times more room
 * behind than ahead, so timestamps lean this far behind the estimated server time.
 */
const LEAN_BEHIND_MS = 500;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends signed Bybit requests for one connection: keeps the server-clock offset, paces calls, retries what is safe. */
export function createBybitClient(deps: BybitClientDeps) {
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;
  const limiter = createBybitRateLimiter({ now: deps.now, sleep, limitsPerSecond: BYBIT_RATE_LIMITS });
  /** Shared by concurrent first calls, so the clock is read once. */
  let clockOffsetMs: Promise<number> | null = null;

  async function send(request: HttpRequest): Promise<HttpResponse> {
    try {
      return await deps.transport(request);
    } catch (error) {
      const failure = toFailure(error);
      throw new ExchangeError(failure.kind, failure.message);
    }
  }

  /** GET /v5/market/time is public (§3.1). */
  async function fetchClockOffsetMs(): Promise<number> {
    const startedMs = deps.now();
    const response = await send({ method: 'GET', url: `${deps.baseUrl.replace(/\/+$/, '')}/v5/market/time`, headers: {} });
    const time = parseBybitResult(bybitServerTimeSchema, parseBybitEnvelope(response));
    const serverMs = time.timeNano ? Number(BigInt(time.timeNano) / 1_000_000n) : Number(time.timeSecond) * 1000;
    // The server read its clock somewhere in the round trip; the middle is the best guess.
    return serverMs - (startedMs + deps.now()) / 2;
  }

  function syncClock(): Promise<number> {
    const offset = fetchClockOffsetMs();
    clockOffsetMs = offset;
    offset.catch(() => {
      if (clockOffsetMs === offset) clockOffsetMs = null;
    });
    return offset;
  }

  async function attempt(credentials: Credentials, call: BybitCall): Promise<unknown> {
    const offsetMs = await (clockOffsetMs ?? syncClock());
    const release = await limiter.acquire(call.path);
    let response: HttpResponse | undefined;
    try {
      // Signed only now: waiting for the rate limit must not age the timestamp.
      const timestampMs = Math.round(deps.now() + offsetMs) - LEAN_BEHIND_MS;
      response = await send(signBybitRequest({ ...call, baseUrl: deps.baseUrl }, credentials, timestampMs));
    } finally {
      release(response?.headers);
    }
    return parseBybitEnvelope(response);
  }

  async function withRetries<T>(isRetrySafe: boolean, run: () => Promise<T>): Promise<T> {
    let rateLimitRetries = 0;
    let failureRetries = 0;
    for (;;) {
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof ExchangeError)) throw error;
        const waitMs = error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS;
        // 10006 means Bybit refused the call unprocessed, so even a delete may be repeated. An IP block
        // (HTTP 403, about 10 minutes) is not worth waiting for inside one audit.
        if (error.kind === 'rate-limited' && waitMs <= MAX_WAIT_MS && rateLimitRetries < MAX_RATE_LIMIT_RETRIES) {
          rateLimitRetries += 1;
          await sleep(waitMs);
        } else if (isRetrySafe && TRANSIENT_KINDS.has(error.kind) && failureRetries < MAX_FAILURE_RETRIES) {
          failureRetries += 1;
          await sleep(BACKOFF_MS * 2 ** (failureRetries - 1) + random() * JITTER_MS);
        } else {
          throw error;
        }
      }
    }
  }

  return {
    async fetchPrivate(credentials: Credentials, call: BybitCall): Promise<unknown> {
      const run = () => withRetries(call.isRetrySafe ?? call.method === 'GET', () => attempt(credentials, call));
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof ExchangeError) || error.kind !== 'clock-skew') throw error;
        // 10002 after the clock drifted since the last sync: re-sync and retry once.
        clockOffsetMs = null;
        return run();
      }
    },
  };
}

export type BybitClient = ReturnType<typeof createBybitClient>;
