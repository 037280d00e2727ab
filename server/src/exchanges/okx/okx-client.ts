import type { AdapterDeps, Credentials } from '../exchange-adapter.ts';
import type { ExchangeError } from '../exchange-error.ts';
import type { HttpMethod, HttpResponse } from '../http-transport.ts';
import { defaultSleep, runWithRetries, type RetryDeps } from '../run-with-retries.ts';
import { sendRequest } from '../send-request.ts';
import { createServerClock } from '../server-clock.ts';
import { parseOkxEnvelope } from './okx-errors.ts';
import { createOkxRateLimiter, type OkxEndpointLimit } from './okx-rate-limit.ts';
import { okxServerTimeSchema, parseOkxData } from './okx-responses.ts';
import { signOkxRequest, type OkxRequest } from './okx-sign.ts';

export type OkxClientDeps = AdapterDeps & RetryDeps;

export type OkxCall = {
  method: HttpMethod;
  path: string;
  query?: OkxRequest['query'];
  /** Serialized once: the signed bytes are the sent bytes. */
  body?: Record<string, string>;
  /** The endpoint's documented limit (rule: User ID), e.g. 20 requests per 2 s. */
  limit: OkxEndpointLimit;
  /** Whether repeating the call after a 5xx or lost answer is harmless. Defaults to true for GET only. */
  isRetrySafe?: boolean;
};

const MAX_WAIT_MS = 30_000;

/** Sends signed OKX requests for one connection: keeps the server-clock offset, paces calls, retries what is safe. */
export function createOkxClient(deps: OkxClientDeps) {
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;
  const limiter = createOkxRateLimiter({ now: deps.now, sleep });
  const baseUrl = deps.baseUrl.replace(/\/+$/, '');
  const clock = createServerClock({ now: deps.now, readServerMs: fetchServerTimeMs });

  /** GET /api/v5/public/time is public (docs/exchanges/okx.md#server-time); OKX rejects timestamps 30 s off (50102). */
  async function fetchServerTimeMs(): Promise<number> {
    const response = await sendRequest(deps.transport, { method: 'GET', url: `${baseUrl}/api/v5/public/time`, headers: {} });
    const [time] = parseOkxData(okxServerTimeSchema, parseOkxEnvelope(response));
    return Number(time!.ts);
  }

  async function attempt(credentials: Credentials, call: OkxCall): Promise<unknown> {
    const offsetMs = await clock.offsetMs();
    const release = await limiter.acquire(call.path, call.limit);
    let response: HttpResponse;
    try {
      // Signed only now: waiting for a slot must not age the timestamp.
      const request: OkxRequest = { baseUrl, method: call.method, path: call.path, query: call.query };
      if (call.body) request.body = JSON.stringify(call.body);
      response = await sendRequest(deps.transport, signOkxRequest(request, credentials, Math.round(deps.now() + offsetMs)));
    } finally {
      release();
    }
    return parseOkxEnvelope(response);
  }

  /** 50011 means OKX refused the call unprocessed; without a Retry-After, wait out the endpoint's window. */
  async function waitOutRateLimit(error: ExchangeError, call: OkxCall): Promise<boolean> {
    await sleep(Math.min(error.retryAfterMs ?? call.limit.windowMs, MAX_WAIT_MS));
    return true;
  }

  return {
    async fetchPrivate(credentials: Credentials, call: OkxCall): Promise<unknown> {
      const policy = {
        isRetrySafe: call.isRetrySafe ?? call.method === 'GET',
        sleep,
        random,
        waitOutRateLimit: (error: ExchangeError) => waitOutRateLimit(error, call),
      };
      // 50102 after the clock drifted since the last sync: re-sync once and try again.
      return clock.retryOnClockSkew(() => runWithRetries(() => attempt(credentials, call), policy));
    },
  };
}

export type OkxClient = ReturnType<typeof createOkxClient>;
