import type { AdapterDeps, Credentials } from '../exchange-adapter.ts';
import { ExchangeError, toFailure } from '../exchange-error.ts';
import type { HttpMethod, HttpRequest, HttpResponse } from '../http-transport.ts';
import { parseBinanceResponse } from './binance-errors.ts';
import { createBinanceRateLimiter, type BinanceWeightPool } from './binance-rate-limit.ts';
import { binanceServerTimeSchema, parseBinanceData } from './binance-responses.ts';
import { signBinanceRequest, withBinanceTimestamp, type BinanceParams } from './binance-sign.ts';

export type BinanceClientDeps = AdapterDeps & {
  /** Waits between retries and for weight budgets; injected so tests do not sleep for real. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source for retry backoff; defaults to Math.random. */
  random?: () => number;
};

export type BinanceCall = {
  method: HttpMethod;
  path: string;
  params?: BinanceParams;
  /** Which budget the endpoint's weight counts against: "Weight(IP)" or "Weight(UID)" in the docs. */
  limit: 'ip' | 'uid';
  weight: number;
  /** Whether repeating the call after a 5xx or lost answer is harmless. Defaults to true for GET only. */
  isRetrySafe?: boolean;
};

const MAX_WAIT_MS = 60_000;
const DEFAULT_RATE_LIMIT_WAIT_MS = 10_000;
const MAX_RATE_LIMIT_RETRIES = 3;
const MAX_FAILURE_RETRIES = 2;
const BACKOFF_MS = 500;
const JITTER_MS = 250;
/** Binance rejects a timestamp 1 s ahead of its clock (§1.1): sign slightly in the past, well inside recvWindow. */
const TIMESTAMP_MARGIN_MS = 500;
const TRANSIENT_KINDS = new Set(['exchange-error', 'unreachable', 'timeout']);

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Budgets of Binance "General Info" → LIMITS: /api/* 6 000 IP weight a minute; each /sapi/* endpoint its own. */
function poolOf(call: Pick<BinanceCall, 'method' | 'path' | 'limit'>): BinanceWeightPool {
  if (!call.path.startsWith('/sapi/')) return { id: 'api', header: 'X-MBX-USED-WEIGHT-1M', limitPerMinute: 6_000 };
  const id = `${call.limit} ${call.method} ${call.path}`;
  return call.limit === 'uid'
    ? { id, header: 'X-SAPI-USED-UID-WEIGHT-1M', limitPerMinute: 180_000 }
    : { id, header: 'X-SAPI-USED-IP-WEIGHT-1M', limitPerMinute: 12_000 };
}

/**
 * Sends signed Binance requests for one connection: keeps the server-clock offset, paces calls by the
 * used-weight headers, retries what is safe to retry, and remembers which keys Binance has accepted.
 */
export function createBinanceClient(deps: BinanceClientDeps) {
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;
  const baseUrl = deps.baseUrl.replace(/\/+$/, '');
  /** Shared by concurrent first calls, so the clock is read once. */
  let clockOffsetMs: Promise<number> | null = null;
  let knownOffsetMs = 0;
  const limiter = createBinanceRateLimiter({ serverNow: () => deps.now() + knownOffsetMs, sleep, maxWaitMs: MAX_WAIT_MS });
  /** Keys that got a successful signed answer: -2015 then means a missing permission (binance-errors.ts). */
  const acceptedKeys = new Set<string>();

  /** Builds the request only once the budget allows it: waiting must not age a signed timestamp. */
  async function send(pool: BinanceWeightPool, weight: number, buildRequest: () => HttpRequest): Promise<HttpResponse> {
    await limiter.acquire(pool, weight);
    let response: HttpResponse | undefined;
    try {
      return (response = await deps.transport(buildRequest()));
    } catch (error) {
      const failure = toFailure(error);
      throw new ExchangeError(failure.kind, failure.message);
    } finally {
      limiter.release(pool, weight, response?.headers);
    }
  }

  /** GET /api/v3/time, weight 1, public (§1.1). */
  async function fetchClockOffsetMs(): Promise<number> {
    const startedMs = deps.now();
    const call = { method: 'GET', path: '/api/v3/time', limit: 'ip' } as const;
    const response = await send(poolOf(call), 1, () => ({ method: 'GET', url: `${baseUrl}${call.path}`, headers: {} }));
    const { serverTime } = parseBinanceData(binanceServerTimeSchema, parseBinanceResponse(response));
    // The server read its clock somewhere in the round trip; the middle is the best guess.
    knownOffsetMs = serverTime - (startedMs + deps.now()) / 2;
    return knownOffsetMs;
  }

  function syncClock(): Promise<number> {
    const offset = fetchClockOffsetMs();
    clockOffsetMs = offset;
    offset.catch(() => {
      if (clockOffsetMs === offset) clockOffsetMs = null;
    });
    return offset;
  }

  async function attempt(credentials: Credentials, call: BinanceCall): Promise<unknown> {
    const offsetMs = await (clockOffsetMs ?? syncClock());
    const response = await send(poolOf(call), call.weight, () => {
      const params = withBinanceTimestamp(call.params ?? [], deps.now() + offsetMs - TIMESTAMP_MARGIN_MS);
      return signBinanceRequest({ baseUrl, method: call.method, path: call.path, params }, credentials);
    });
    const data = parseBinanceResponse(response, { keyWasAccepted: acceptedKeys.has(credentials.apiKey) });
    acceptedKeys.add(credentials.apiKey);
    return data;
  }

  async function withRetries<T>(isRetrySafe: boolean, pool: BinanceWeightPool, run: () => Promise<T>): Promise<T> {
    let rateLimitRetries = 0;
    let failureRetries = 0;
    for (;;) {
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof ExchangeError)) throw error;
        const waitMs = error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS;
        // A 429 means Binance refused the call unprocessed, so even a DELETE may be repeated. A long
        // Retry-After is an IP ban (HTTP 418): give up rather than sleep for hours.
        if (error.kind === 'rate-limited' && rateLimitRetries < MAX_RATE_LIMIT_RETRIES && waitMs <= MAX_WAIT_MS) {
          rateLimitRetries += 1;
          limiter.markSpent(pool);
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
    /** A SIGNED call; resolves with the parsed JSON answer or rejects with ExchangeError. */
    async fetchSigned(credentials: Credentials, call: BinanceCall): Promise<unknown> {
      const run = () => withRetries(call.isRetrySafe ?? call.method === 'GET', poolOf(call), () => attempt(credentials, call));
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof ExchangeError) || error.kind !== 'clock-skew') throw error;
        // -1021 after the clock drifted since the last sync: re-sync once and retry.
        clockOffsetMs = null;
        return run();
      }
    },
  };
}

export type BinanceClient = ReturnType<typeof createBinanceClient>;
