import type { AdapterDeps, Credentials } from '../exchange-adapter.ts';
import { ExchangeError, toFailure } from '../exchange-error.ts';
import type { HttpMethod, HttpRequest, HttpResponse } from '../http-transport.ts';
import { parseGateResponse } from './gate-errors.ts';
import { createGateRateLimiter } from './gate-rate-limit.ts';
import { gateServerTimeSchema, parseGateData } from './gate-responses.ts';
import { signGateRequest, type GateQuery } from './gate-sign.ts';

export type GateClientDeps = AdapterDeps & {
  /** Waits between retries and for rate-limit windows; injected so tests do not sleep for real. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source for retry backoff; defaults to Math.random. */
  random?: () => number;
};

export type GateCall = {
  method: HttpMethod;
  /** Path after the /api/v4 prefix, e.g. "/sub_accounts/10001/keys". */
  path: string;
  /** Gate limits each endpoint separately: its template, e.g. "GET /sub_accounts/{user_id}/keys". */
  endpoint: string;
  query?: GateQuery;
  /** Whether repeating the call after a 5xx or lost answer is harmless. Defaults to true for GET only. */
  isRetrySafe?: boolean;
};

/** Signed paths include it: "The URL includes the /api/v4 prefix" (reference/exchanges.md §4.1). */
export const GATE_API_PREFIX = '/api/v4';
const WINDOW_MS = 10_000;
const MAX_WAIT_MS = 30_000;
const MAX_RATE_LIMIT_RETRIES = 3;
const MAX_FAILURE_RETRIES = 2;
const BACKOFF_MS = 500;
const JITTER_MS = 250;
const TRANSIENT_KINDS = new Set(['exchange-error', 'unreachable', 'timeout']);

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends signed Gate requests for one connection: keeps the server-clock offset, paces calls per endpoint by the
 * rate-limit headers, and retries what is safe to retry.
 */
export function createGateClient(deps: GateClientDeps) {
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;
  const limiter = createGateRateLimiter({ now: deps.now, sleep, maxWaitMs: MAX_WAIT_MS, windowMs: WINDOW_MS });
  // Gate's docs give base URLs with the prefix ("https://api.gateio.ws/api/v4"); paths here carry it themselves.
  const baseUrl = deps.baseUrl.replace(/\/+$/, '').replace(/\/api\/v4$/, '');
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

  /** GET /spot/time is public: {"server_time": ms} (§4.1). Gate rejects timestamps 60 s off. */
  async function fetchClockOffsetMs(): Promise<number> {
    const startedMs = deps.now();
    const response = await send({ method: 'GET', url: `${baseUrl}${GATE_API_PREFIX}/spot/time`, headers: { Accept: 'application/json' } });
    const { server_time: serverMs } = parseGateData(gateServerTimeSchema, parseGateResponse(response));
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

  async function attempt(credentials: Credentials, call: GateCall): Promise<unknown> {
    const offsetMs = await (clockOffsetMs ?? syncClock());
    await limiter.acquire(call.endpoint);
    let response: HttpResponse | undefined;
    try {
      // Signed only now: waiting for the limiter must not age the timestamp.
      const request = { baseUrl, method: call.method, path: GATE_API_PREFIX + call.path, query: call.query };
      response = await send(signGateRequest(request, credentials, deps.now() + offsetMs));
    } finally {
      limiter.release(call.endpoint, response && { headers: response.headers, serverOffsetMs: offsetMs });
    }
    return parseGateResponse(response, { serverNowMs: deps.now() + offsetMs });
  }

  async function withRetries<T>(call: GateCall, run: () => Promise<T>): Promise<T> {
    const isRetrySafe = call.isRetrySafe ?? call.method === 'GET';
    let rateLimitRetries = 0;
    let failureRetries = 0;
    for (;;) {
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof ExchangeError)) throw error;
        // A 429 means Gate refused the call unprocessed, so even a DELETE may be repeated.
        if (error.kind === 'rate-limited' && rateLimitRetries < MAX_RATE_LIMIT_RETRIES) {
          rateLimitRetries += 1;
          // No reset time, or one already past: wait a whole window rather than hit the limit again at once.
          await sleep(Math.min(error.retryAfterMs || WINDOW_MS, MAX_WAIT_MS));
          limiter.forget(call.endpoint);
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
    async fetchPrivate(credentials: Credentials, call: GateCall): Promise<unknown> {
      const run = () => withRetries(call, () => attempt(credentials, call));
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof ExchangeError) || error.kind !== 'clock-skew') throw error;
        // REQUEST_EXPIRED after the clock drifted since the last sync: re-sync and retry once.
        clockOffsetMs = null;
        return run();
      }
    },
  };
}

export type GateClient = ReturnType<typeof createGateClient>;
