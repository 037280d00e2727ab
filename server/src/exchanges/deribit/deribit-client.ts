import { randomBytes } from 'node:crypto';
import type { AdapterDeps, Credentials } from '../exchange-adapter.ts';
import type { ExchangeError } from '../exchange-error.ts';
import { defaultSleep, runWithRetries, type RetryDeps } from '../run-with-retries.ts';
import { sendRequest } from '../send-request.ts';
import { createServerClock } from '../server-clock.ts';
import { createDeribitCreditPacer } from './deribit-credit-pacer.ts';
import { parseDeribitResponse } from './deribit-errors.ts';
import { deribitServerTimeSchema, parseDeribitResult } from './deribit-responses.ts';
import { signDeribitRequest, type DeribitQuery } from './deribit-sign.ts';

export type DeribitClientDeps = AdapterDeps & RetryDeps & {
  /** The nonce of each signature; random by default, injected so tests can pin it. */
  nonce?: () => string;
};

export type DeribitCall = {
  /** JSON-RPC method, e.g. "private/list_api_keys". */
  method: string;
  query?: DeribitQuery;
  /** Whether repeating the call after a 5xx or lost answer is harmless: reads are, deletions are not. */
  isRetrySafe: boolean;
  /** What to tell the user when Deribit asks for a second factor (TFA, a security key) before this call. */
  tfaRefusal?: string;
};

const API_PREFIX = '/api/v2/';
/** One refill of a whole request's credits (docs/exchanges/deribit.md#rate-limits). */
const RATE_LIMIT_WAIT_MS = 1_000;

/** Sends signed Deribit calls for one connection: keeps the server-clock offset, paces by the credit pool, retries what is safe. */
export function createDeribitClient(deps: DeribitClientDeps) {
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;
  const nonce = deps.nonce ?? (() => randomBytes(8).toString('hex'));
  const baseUrl = deps.baseUrl.replace(/\/+$/, '');
  const pacer = createDeribitCreditPacer({ now: deps.now, sleep });
  const clock = createServerClock({ now: deps.now, readServerMs: fetchServerTimeMs });

  /** public/get_time is public: its result is Deribit's clock in milliseconds (docs/exchanges/deribit.md#server-time). */
  async function fetchServerTimeMs(): Promise<number> {
    const response = await sendRequest(deps.transport, { method: 'GET', url: `${baseUrl}${API_PREFIX}public/get_time`, headers: { Accept: 'application/json' } });
    return parseDeribitResult(deribitServerTimeSchema, parseDeribitResponse(response));
  }

  async function attempt(credentials: Credentials, call: DeribitCall): Promise<unknown> {
    const offsetMs = await clock.offsetMs();
    await pacer.acquire();
    // Signed only now: waiting for credits must not age the timestamp.
    const request = signDeribitRequest({ baseUrl, path: API_PREFIX + call.method, query: call.query }, credentials, deps.now() + offsetMs, nonce());
    return parseDeribitResponse(await sendRequest(deps.transport, request), { tfaRefusal: call.tfaRefusal });
  }

  /** too_many_requests: the call was refused unprocessed; wait for the pool to refill. */
  async function waitOutRateLimit(_error: ExchangeError): Promise<boolean> {
    pacer.drain();
    await sleep(RATE_LIMIT_WAIT_MS);
    return true;
  }

  return {
    async call(credentials: Credentials, call: DeribitCall): Promise<unknown> {
      return clock.retryOnClockSkew(() => runWithRetries(() => attempt(credentials, call), { isRetrySafe: call.isRetrySafe, sleep, random, waitOutRateLimit }));
    },
  };
}

export type DeribitClient = ReturnType<typeof createDeribitClient>;
