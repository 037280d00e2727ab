import type { AdapterDeps, Credentials } from '../exchange-adapter.ts';
import { ExchangeError, toFailure } from '../exchange-error.ts';
import type { HttpMethod, HttpRequest, HttpResponse } from '../http-transport.ts';
import { parseOkxEnvelope } from './okx-errors.ts';
import { createOkxRateLimiter, type OkxEndpointLimit } from './okx-rate-limit.ts';
import { okxServerTimeSchema, parseOkxData } from './okx-responses.ts';
import { signOkxRequest, type OkxRequest } from './okx-sign.ts';

export type OkxClientDeps = AdapterDeps & {
  /** Waits between retries and for rate-limit slots; injected so tests do not sleep for real. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source for retry backoff; defaults to Math.random. */
  random?: () => number;
};

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
const MAX_RATE_LIMIT_RETRIES = 3;
const MAX_FAILURE_RETRIES = 2;
const BACKOFF_MS = 500;
const JITTER_MS = 250;
const TRANSIENT_KINDS = new Set(['exchange-error', 'unreachable', 'timeout']);

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends signed OKX requests for one connection: keeps the server-clock offset, paces calls, retries what is safe. */
export function createOkxClient(deps: OkxClientDeps) {
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;
  const limiter = createOkxRateLimiter({ now: deps.now, sleep });
  const baseUrl = deps.baseUrl.replace(/\/+$/, '');
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

  /** GET /api/v5/public/time is public (reference/exchanges.md §2.1); OKX rejects timestamps 30 s off (50102). */
  async function fetchClockOffsetMs(): Promise<number> {
    const startedMs = deps.now();
    const response = await send({ method: 'GET', url: `${baseUrl}/api/v5/public/time`, headers: {} });
    const [time] = parseOkxData(okxServerTimeSchema, parseOkxEnvelope(response));
    // The server read its clock somewhere in the round trip; the middle is the best guess.
    return Number(time!.ts) - (startedMs + deps.now()) / 2;
  }

  function syncClock(): Promise<number> {
    const offset = fetchClockOffsetMs();
    clockOffsetMs = offset;
    offset.catch(() => {
      if (clockOffsetMs === offset) clockOffsetMs = null;
    });
    return offset;
  }

  async function attempt(credentials: Credentials, call: OkxCall): Promise<unknown> {
    const offsetMs = await (clockOffsetMs ?? syncClock());
    await limiter.acquire(call.path, call.limit);
    // Signed only now: waiting for a slot must not age the timestamp.
    const request: OkxRequest = { baseUrl, method: call.method, path: call.path, query: call.query };
    if (call.body) request.body = JSON.stringify(call.body);
    const response = await send(signOkxRequest(request, credentials, Math.round(deps.now() + offsetMs)));
    return parseOkxEnvelope(response);
  }

  async function withRetries<T>(call: OkxCall, run: () => Promise<T>): Promise<T> {
    const isRetrySafe = call.isRetrySafe ?? call.method === 'GET';
    let rateLimitRetries = 0;
    let failureRetries = 0;
    for (;;) {
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof ExchangeError)) throw error;
        // 50011 means OKX refused the call unprocessed, so even a delete may be repeated.
        if (error.kind === 'rate-limited' && rateLimitRetries < MAX_RATE_LIMIT_RETRIES) {
          rateLimitRetries += 1;
          await sleep(Math.min(error.retryAfterMs ?? call.limit.windowMs, MAX_WAIT_MS));
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
    async fetchPrivate(credentials: Credentials, call: OkxCall): Promise<unknown> {
      const run = () => withRetries(call, () => attempt(credentials, call));
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof ExchangeError) || error.kind !== 'clock-skew') throw error;
        // 50102 after the clock drifted since the last sync: re-sync once and try again.
        clockOffsetMs = null;
        return run();
      }
    },
  };
}

export type OkxClient = ReturnType<typeof createOkxClient>;
