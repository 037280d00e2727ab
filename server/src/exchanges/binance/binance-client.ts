import type { AdapterDeps, Credentials } from '../exchange-adapter.ts';
import { ExchangeError, toFailure } from '../exchange-error.ts';
import type { HttpMethod, HttpRequest, HttpResponse } from '../http-transport.ts';
import { defaultSleep, runWithRetries, type RetryDeps } from '../run-with-retries.ts';
import { createServerClock } from '../server-clock.ts';
import { parseBinanceResponse } from './binance-errors.ts';
import { createBinanceRateLimiter, type BinanceWeightPool } from './binance-rate-limit.ts';
import { binanceServerTimeSchema, parseBinanceData } from './binance-responses.ts';
import { signBinanceRequest, withBinanceTimestamp, type BinanceParams } from './binance-sign.ts';

export type BinanceClientDeps = AdapterDeps & RetryDeps;

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
/** Binance rejects a timestamp 1 s ahead of its clock (docs/exchanges/binance.md#timestamp-window): sign slightly in the past, well inside recvWindow. */
const TIMESTAMP_MARGIN_MS = 500;

/** Budgets (docs/exchanges/binance.md#rate-limits): /api/* 6 000 IP weight a minute; each /sapi/* endpoint its own. */
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
  const clock = createServerClock({ now: deps.now, readServerMs: fetchServerTimeMs });
  const limiter = createBinanceRateLimiter({ serverNow: () => deps.now() + clock.latestOffsetMs(), sleep, maxWaitMs: MAX_WAIT_MS });
  /** Keys that got a successful signed answer: -2015 then means a missing permission (binance-errors.ts). */
  const acceptedKeys = new Set<string>();

  /** Builds the request only once the budget allows it: waiting must not age a signed timestamp. */
  async function send(pool: BinanceWeightPool, weight: number, buildRequest: () => HttpRequest): Promise<HttpResponse> {
    const release = await limiter.acquire(pool, weight);
    let response: HttpResponse | undefined;
    try {
      return (response = await deps.transport(buildRequest()));
    } catch (error) {
      const failure = toFailure(error);
      throw new ExchangeError(failure.kind, failure.message);
    } finally {
      release(response?.headers);
    }
  }

  /** GET /api/v3/time, weight 1, public (docs/exchanges/binance.md#server-time). */
  async function fetchServerTimeMs(): Promise<number> {
    const call = { method: 'GET', path: '/api/v3/time', limit: 'ip' } as const;
    const response = await send(poolOf(call), 1, () => ({ method: 'GET', url: `${baseUrl}${call.path}`, headers: {} }));
    return parseBinanceData(binanceServerTimeSchema, parseBinanceResponse(response)).serverTime;
  }

  async function attempt(credentials: Credentials, call: BinanceCall): Promise<unknown> {
    const offsetMs = await clock.offsetMs();
    const response = await send(poolOf(call), call.weight, () => {
      const params = withBinanceTimestamp(call.params ?? [], deps.now() + offsetMs - TIMESTAMP_MARGIN_MS);
      return signBinanceRequest({ baseUrl, method: call.method, path: call.path, params }, credentials);
    });
    const data = parseBinanceResponse(response, { keyWasAccepted: acceptedKeys.has(credentials.apiKey) });
    acceptedKeys.add(credentials.apiKey);
    return data;
  }

  /**
   * A 429 means Binance refused the call unprocessed. A long Retry-After is an IP ban (HTTP 418): give up rather
   * than sleep for hours.
   */
  async function waitOutRateLimit(error: ExchangeError, pool: BinanceWeightPool): Promise<boolean> {
    const waitMs = error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS;
    if (waitMs > MAX_WAIT_MS) return false;
    limiter.markSpent(pool);
    await sleep(waitMs);
    return true;
  }

  return {
    /** A SIGNED call; resolves with the parsed JSON answer or rejects with ExchangeError. */
    async fetchSigned(credentials: Credentials, call: BinanceCall): Promise<unknown> {
      const pool = poolOf(call);
      const policy = {
        isRetrySafe: call.isRetrySafe ?? call.method === 'GET',
        sleep,
        random,
        waitOutRateLimit: (error: ExchangeError) => waitOutRateLimit(error, pool),
      };
      // -1021 after the clock drifted since the last sync: re-sync once and retry.
      return clock.retryOnClockSkew(() => runWithRetries(() => attempt(credentials, call), policy));
    },
  };
}

export type BinanceClient = ReturnType<typeof createBinanceClient>;
