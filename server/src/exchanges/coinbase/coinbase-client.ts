import { randomBytes } from 'node:crypto';
import type { AdapterDeps, Credentials } from '../exchange-adapter.ts';
import type { ExchangeError } from '../exchange-error.ts';
import type { HttpMethod } from '../http-transport.ts';
import { defaultSleep, runWithRetries, type RetryDeps } from '../run-with-retries.ts';
import { sendRequest } from '../send-request.ts';
import { createServerClock } from '../server-clock.ts';
import { parseCoinbaseResponse } from './coinbase-errors.ts';
import { coinbaseServerTimeSchema, parseCoinbaseBody } from './coinbase-responses.ts';
import { readCdpKey, signCoinbaseRequest } from './coinbase-sign.ts';

export type CoinbaseClientDeps = AdapterDeps & RetryDeps & {
  /** The JWT header's nonce; random by default, injected so tests can pin it. */
  nonce?: () => string;
};

/**
 * "30 requests per second per user" for private endpoints (docs/exchanges/coinbase.md#rate-limits, unverified): keyaudit
 * spaces its calls at least this far apart, and makes two per audit.
 */
const MIN_INTERVAL_MS = 34;
const DEFAULT_RATE_LIMIT_WAIT_MS = 1_000;
const MAX_WAIT_MS = 30_000;

/** Sends signed Coinbase requests for one connection: keeps the server-clock offset, spaces calls, retries what is safe. */
export function createCoinbaseClient(deps: CoinbaseClientDeps) {
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;
  const nonce = deps.nonce ?? (() => randomBytes(16).toString('hex'));
  const baseUrl = deps.baseUrl.replace(/\/+$/, '');
  const clock = createServerClock({ now: deps.now, readServerMs: fetchServerTimeMs });
  let nextAllowedMs = 0;

  /** GET /api/v3/brokerage/time is public (docs/exchanges/coinbase.md#server-time); the JWT's nbf and exp are Coinbase's clock. */
  async function fetchServerTimeMs(): Promise<number> {
    const response = await sendRequest(deps.transport, { method: 'GET', url: `${baseUrl}/api/v3/brokerage/time`, headers: { Accept: 'application/json' } });
    return Number(parseCoinbaseBody(coinbaseServerTimeSchema, parseCoinbaseResponse(response)).epochMillis);
  }

  async function attempt(credentials: Credentials, method: HttpMethod, path: string): Promise<unknown> {
    const offsetMs = await clock.offsetMs();
    const waitMs = nextAllowedMs - deps.now();
    if (waitMs > 0) await sleep(waitMs);
    nextAllowedMs = deps.now() + MIN_INTERVAL_MS;
    // Signed only now: a JWT lives two minutes from its nbf.
    const request = signCoinbaseRequest({ baseUrl, method, path }, credentials, deps.now() + offsetMs, nonce());
    return parseCoinbaseResponse(await sendRequest(deps.transport, request));
  }

  async function waitOutRateLimit(error: ExchangeError): Promise<boolean> {
    const waitMs = error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS;
    if (waitMs > MAX_WAIT_MS) return false;
    await sleep(waitMs);
    return true;
  }

  return {
    async get(credentials: Credentials, path: string): Promise<unknown> {
      // A legacy key is refused before anything goes out, the time request included.
      readCdpKey(credentials);
      return clock.retryOnClockSkew(() => runWithRetries(() => attempt(credentials, 'GET', path), { isRetrySafe: true, sleep, random, waitOutRateLimit }));
    },
  };
}
