import type { AdapterDeps, Credentials } from '../exchange-adapter.ts';
import type { ExchangeError } from '../exchange-error.ts';
import type { HttpMethod, HttpResponse } from '../http-transport.ts';
import { defaultSleep, runWithRetries, type RetryDeps } from '../run-with-retries.ts';
import { sendRequest } from '../send-request.ts';
import { createServerClock } from '../server-clock.ts';
import { parseGateResponse } from './gate-errors.ts';
import { createGateRateLimiter } from './gate-rate-limit.ts';
import { gateServerTimeSchema, parseGateData } from './gate-responses.ts';
import { signGateRequest, type GateQuery } from './gate-sign.ts';

export type GateClientDeps = AdapterDeps & RetryDeps;

export type GateCall = {
  method: HttpMethod;
  /** Path after the /api/v4 prefix, e.g. "/sub_accounts/10001/keys". */
  path: string;
  /** Gate limits each endpoint separately: its template, e.g. "GET /sub_accounts/{user_id}/keys". */
  endpoint: string;
  query?: GateQuery;
  /** Exact JSON bytes sent (PUT). */
  body?: string;
  /** Whether repeating the call after a 5xx or lost answer is harmless. Defaults to true for GET only. */
  isRetrySafe?: boolean;
};

/** Signed paths include it: the /api/v4 prefix is part of every signed path (docs/exchanges/gate.md#base-urls). */
export const GATE_API_PREFIX = '/api/v4';
const WINDOW_MS = 10_000;
const MAX_WAIT_MS = 30_000;

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
  const clock = createServerClock({ now: deps.now, readServerMs: fetchServerTimeMs });

  /** GET /spot/time is public: {"server_time": ms} (docs/exchanges/gate.md#server-time). Gate rejects timestamps 60 s off. */
  async function fetchServerTimeMs(): Promise<number> {
    const response = await sendRequest(deps.transport, { method: 'GET', url: `${baseUrl}${GATE_API_PREFIX}/spot/time`, headers: { Accept: 'application/json' } });
    return parseGateData(gateServerTimeSchema, parseGateResponse(response)).server_time;
  }

  async function attempt(credentials: Credentials, call: GateCall): Promise<unknown> {
    const offsetMs = await clock.offsetMs();
    await limiter.acquire(call.endpoint);
    let response: HttpResponse | undefined;
    try {
      // Signed only now: waiting for the limiter must not age the timestamp.
      const request = { baseUrl, method: call.method, path: GATE_API_PREFIX + call.path, query: call.query, ...(call.body ? { body: call.body } : {}) };
      response = await sendRequest(deps.transport, signGateRequest(request, credentials, deps.now() + offsetMs));
    } finally {
      limiter.release(call.endpoint, response && { headers: response.headers, serverOffsetMs: offsetMs });
    }
    return parseGateResponse(response, { serverNowMs: deps.now() + offsetMs });
  }

  /** A 429 means Gate refused the call unprocessed. */
  async function waitOutRateLimit(error: ExchangeError, call: GateCall): Promise<boolean> {
    // No reset time, or one already past: wait a whole window rather than hit the limit again at once.
    await sleep(Math.min(error.retryAfterMs || WINDOW_MS, MAX_WAIT_MS));
    limiter.forget(call.endpoint);
    return true;
  }

  return {
    async fetchPrivate(credentials: Credentials, call: GateCall): Promise<unknown> {
      const policy = {
        isRetrySafe: call.isRetrySafe ?? call.method === 'GET',
        sleep,
        random,
        waitOutRateLimit: (error: ExchangeError) => waitOutRateLimit(error, call),
      };
      // REQUEST_EXPIRED after the clock drifted since the last sync: re-sync and retry once.
      return clock.retryOnClockSkew(() => runWithRetries(() => attempt(credentials, call), policy));
    },
  };
}

export type GateClient = ReturnType<typeof createGateClient>;
