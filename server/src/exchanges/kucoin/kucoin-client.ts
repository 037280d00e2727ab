import type { AdapterDeps, Credentials } from '../exchange-adapter.ts';
import type { ExchangeError } from '../exchange-error.ts';
import type { HttpMethod, HttpResponse } from '../http-transport.ts';
import { defaultSleep, runWithRetries, type RetryDeps } from '../run-with-retries.ts';
import { sendRequest } from '../send-request.ts';
import { createServerClock } from '../server-clock.ts';
import { parseKucoinEnvelope } from './kucoin-errors.ts';
import { createKucoinRateLimiter } from './kucoin-rate-limit.ts';
import { kucoinServerTimeSchema, parseKucoinData } from './kucoin-responses.ts';
import { signKucoinRequest, type KucoinJsonBody, type KucoinKeyVersion, type KucoinQuery } from './kucoin-sign.ts';

export type KucoinClientDeps = AdapterDeps & RetryDeps;

export type KucoinCall = {
  method: HttpMethod;
  path: string;
  query?: KucoinQuery;
  body?: KucoinJsonBody;
  /** Cost in the Management pool (docs/exchanges/kucoin.md#rate-limits). */
  weight: number;
  /** Whether repeating the call after a 5xx or lost answer is harmless. Defaults to true for GET only. */
  isRetrySafe?: boolean;
};

const MAX_WAIT_MS = 30_000;
const DEFAULT_RATE_LIMIT_WAIT_MS = 2_000;

/**
 * Sends signed KuCoin requests for one connection: keeps the server-clock offset and the key version,
 * paces calls by the rate-limit headers, and retries what is safe to retry.
 */
export function createKucoinClient(deps: KucoinClientDeps) {
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;
  const limiter = createKucoinRateLimiter({ now: deps.now, sleep, maxWaitMs: MAX_WAIT_MS });
  const clock = createServerClock({ now: deps.now, readServerMs: fetchServerTimeMs });
  let keyVersion: KucoinKeyVersion = '3';

  /** GET /api/v1/timestamp is public (docs/exchanges/kucoin.md#server-time); KuCoin rejects timestamps 5 s off (docs/exchanges/kucoin.md#timestamp-window). */
  async function fetchServerTimeMs(): Promise<number> {
    const response = await sendRequest(deps.transport, { method: 'GET', url: `${deps.baseUrl.replace(/\/+$/, '')}/api/v1/timestamp`, headers: {} });
    return parseKucoinData(kucoinServerTimeSchema, parseKucoinEnvelope(response));
  }

  async function attempt(credentials: Credentials, call: KucoinCall): Promise<unknown> {
    const offsetMs = await clock.offsetMs();
    await limiter.acquire(call.weight);
    let response: HttpResponse | undefined;
    try {
      // Signed only now: waiting for the pool must not age the timestamp.
      const request = { baseUrl: deps.baseUrl, method: call.method, path: call.path, query: call.query, ...(call.body ? { body: call.body } : {}) };
      response = await sendRequest(deps.transport, signKucoinRequest(request, credentials, Math.round(deps.now() + offsetMs), keyVersion));
    } finally {
      limiter.release(call.weight, response?.headers);
    }
    return parseKucoinEnvelope(response);
  }

  /** A 429 means the gateway refused the call unprocessed (gw-ratelimit-reset says for how long). */
  async function waitOutRateLimit(error: ExchangeError): Promise<boolean> {
    await sleep(Math.min(error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS, MAX_WAIT_MS));
    limiter.forget();
    return true;
  }

  return {
    async fetchPrivate(credentials: Credentials, call: KucoinCall): Promise<unknown> {
      const policy = { isRetrySafe: call.isRetrySafe ?? call.method === 'GET', sleep, random, waitOutRateLimit };
      // 400002 also comes after drift, and sometimes spuriously (docs/exchanges/kucoin.md#known-problems): re-sync, retry once.
      return clock.retryOnClockSkew(() => runWithRetries(() => attempt(credentials, call), policy));
    },
    /** The version the calling key reports in `apiVersion`; "3" until then (docs/exchanges/kucoin.md#signing). */
    setKeyVersion(apiVersion: number | null | undefined) {
      keyVersion = apiVersion === 2 ? '2' : '3';
    },
  };
}

export type KucoinClient = ReturnType<typeof createKucoinClient>;
