import type { AdapterDeps, Credentials } from '../exchange-adapter.ts';
import { ExchangeError, toFailure } from '../exchange-error.ts';
import type { HttpMethod, HttpRequest, HttpResponse } from '../http-transport.ts';
import { parseKucoinEnvelope } from './kucoin-errors.ts';
import { createKucoinRateLimiter } from './kucoin-rate-limit.ts';
import { kucoinServerTimeSchema, parseKucoinData } from './kucoin-responses.ts';
import { signKucoinRequest, type KucoinKeyVersion, type KucoinQuery } from './kucoin-sign.ts';

export type KucoinClientDeps = AdapterDeps & {
  /** Waits between retries and for rate-limit resets; injected so tests do not sleep for real. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source for retry backoff; defaults to Math.random. */
  random?: () => number;
};

export type KucoinCall = {
  method: HttpMethod;
  path: string;
  query?: KucoinQuery;
  /** Cost in the Management pool (reference/kucoin.md §5). */
  weight: number;
  /** Whether repeating the call after a 5xx or lost answer is harmless. Defaults to true for GET only. */
  isRetrySafe?: boolean;
};

const MAX_WAIT_MS = 30_000;
const DEFAULT_RATE_LIMIT_WAIT_MS = 2_000;
const MAX_RATE_LIMIT_RETRIES = 3;
const MAX_FAILURE_RETRIES = 2;
const BACKOFF_MS = 500;
const JITTER_MS = 250;
const TRANSIENT_KINDS = new Set(['exchange-error', 'unreachable', 'timeout']);

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends signed KuCoin requests for one connection: keeps the server-clock offset and the key version,
 * paces calls by the rate-limit headers, and retries what is safe to retry.
 */
export function createKucoinClient(deps: KucoinClientDeps) {
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;
  const limiter = createKucoinRateLimiter({ now: deps.now, sleep, maxWaitMs: MAX_WAIT_MS });
  /** Resolves to the server-clock offset in ms; shared by concurrent first calls, so the clock is read once. */
  let clockSync: Promise<number> | null = null;
  let keyVersion: KucoinKeyVersion = '3';

  async function send(request: HttpRequest): Promise<HttpResponse> {
    try {
      return await deps.transport(request);
    } catch (error) {
      const failure = toFailure(error);
      throw new ExchangeError(failure.kind, failure.message);
    }
  }

  /** GET /api/v1/timestamp is public (reference/kucoin.md §3.1); KuCoin rejects timestamps 5 s off (§2.4). */
  async function fetchClockOffsetMs(): Promise<number> {
    const startedMs = deps.now();
    const response = await send({ method: 'GET', url: `${deps.baseUrl.replace(/\/+$/, '')}/api/v1/timestamp`, headers: {} });
    const serverMs = parseKucoinData(kucoinServerTimeSchema, parseKucoinEnvelope(response));
    // The server read its clock somewhere in the round trip; the middle is the best guess.
    return serverMs - (startedMs + deps.now()) / 2;
  }

  function syncClock(): Promise<number> {
    const offset = fetchClockOffsetMs();
    clockSync = offset;
    offset.catch(() => {
      if (clockSync === offset) clockSync = null;
    });
    return offset;
  }

  async function attempt(credentials: Credentials, call: KucoinCall): Promise<unknown> {
    const offsetMs = await (clockSync ?? syncClock());
    await limiter.acquire(call.weight);
    let response: HttpResponse | undefined;
    try {
      // Signed only now: waiting for the pool must not age the timestamp.
      const request = { baseUrl: deps.baseUrl, method: call.method, path: call.path, query: call.query };
      response = await send(signKucoinRequest(request, credentials, Math.round(deps.now() + offsetMs), keyVersion));
    } finally {
      limiter.release(call.weight, response?.headers);
    }
    return parseKucoinEnvelope(response);
  }

  async function withRetries<T>(isRetrySafe: boolean, run: () => Promise<T>): Promise<T> {
    let rateLimitRetries = 0;
    let failureRetries = 0;
    for (;;) {
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof ExchangeError)) throw error;
        // A 429 means the gateway refused the call unprocessed, so even a DELETE may be repeated.
        if (error.kind === 'rate-limited' && rateLimitRetries < MAX_RATE_LIMIT_RETRIES) {
          rateLimitRetries += 1;
          await sleep(Math.min(error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS, MAX_WAIT_MS));
          limiter.forget();
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
    async fetchPrivate(credentials: Credentials, call: KucoinCall): Promise<unknown> {
      const run = () => withRetries(call.isRetrySafe ?? call.method === 'GET', () => attempt(credentials, call));
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof ExchangeError) || error.kind !== 'clock-skew') throw error;
        // 400002 also comes after drift, and sometimes spuriously (reference/kucoin.md §6.7–8): re-sync, retry once.
        clockSync = null;
        return run();
      }
    },
    /** The version the calling key reports in `apiVersion`; "3" until then (reference/kucoin.md §2.3). */
    setKeyVersion(apiVersion: number | null | undefined) {
      keyVersion = apiVersion === 2 ? '2' : '3';
    },
  };
}

export type KucoinClient = ReturnType<typeof createKucoinClient>;
