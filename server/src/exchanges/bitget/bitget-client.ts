import type { AdapterDeps, Credentials } from '../exchange-adapter.ts';
import type { ExchangeError } from '../exchange-error.ts';
import { defaultSleep, runWithRetries, type RetryDeps } from '../run-with-retries.ts';
import { sendRequest } from '../send-request.ts';
import { createServerClock } from '../server-clock.ts';
import { parseBitgetEnvelope } from './bitget-errors.ts';
import { bitgetServerTimeSchema, parseBitgetData } from './bitget-responses.ts';
import { signBitgetRequest, type BitgetRequest } from './bitget-sign.ts';

export type BitgetClientDeps = AdapterDeps & RetryDeps;
export type BitgetCall = Omit<BitgetRequest, 'baseUrl'>;

/**
 * The least time between two calls of one endpoint, per docs/exchanges/bitget.md#rate-limits: account info 1 a second;
 * the sub-account list 1 a second (the strictest of its pages' renderings); a sub-account's keys 5 a second.
 */
export const BITGET_MIN_CALL_GAP_MS = 1_000;
const CALL_GAP_MS: Readonly<Record<string, number>> = { '/api/v2/user/virtual-subaccount-apikey-list': 200 };
const callGapMs = (path: string) => CALL_GAP_MS[path] ?? BITGET_MIN_CALL_GAP_MS;
const RATE_LIMIT_WAIT_MS = 1_000;

/** Sends signed Bitget requests for one connection: keeps the server-clock offset, paces calls, retries what is safe. */
export function createBitgetClient(deps: BitgetClientDeps) {
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;
  const baseUrl = deps.baseUrl.replace(/\/+$/, '');
  const clock = createServerClock({ now: deps.now, readServerMs: fetchServerTimeMs });
  /** One call at a time per connection; calls of one endpoint at least its gap apart. */
  let queue: Promise<unknown> = Promise.resolve();
  const lastCallMs = new Map<string, number>();

  /** GET /api/v2/public/time is public (docs/exchanges/bitget.md#server-time). */
  async function fetchServerTimeMs(): Promise<number> {
    const response = await sendRequest(deps.transport, { method: 'GET', url: `${baseUrl}/api/v2/public/time`, headers: {} });
    return parseBitgetData(bitgetServerTimeSchema, parseBitgetEnvelope(response)).serverTime;
  }

  function paced<T>(path: string, send: () => Promise<T>): Promise<T> {
    const run = queue.then(async () => {
      const waitMs = (lastCallMs.get(path) ?? Number.NEGATIVE_INFINITY) + callGapMs(path) - deps.now();
      if (waitMs > 0) await sleep(waitMs);
      lastCallMs.set(path, deps.now());
      return send();
    });
    queue = run.catch(() => {});
    return run;
  }

  async function attempt(credentials: Credentials, call: BitgetCall): Promise<unknown> {
    const offsetMs = await clock.offsetMs();
    // Signed only when its turn comes: waiting for the pace must not age the timestamp.
    const response = await paced(call.path, () => sendRequest(deps.transport, signBitgetRequest({ ...call, baseUrl }, credentials, Math.round(deps.now() + offsetMs))));
    return parseBitgetEnvelope(response);
  }

  async function waitOutRateLimit(_error: ExchangeError): Promise<boolean> {
    await sleep(RATE_LIMIT_WAIT_MS);
    return true;
  }

  return {
    async fetchPrivate(credentials: Credentials, call: BitgetCall): Promise<unknown> {
      const policy = { isRetrySafe: true, sleep, random, waitOutRateLimit };
      // 40004/40005/40008 after the clock drifted since the last sync: re-sync and retry once.
      return clock.retryOnClockSkew(() => runWithRetries(() => attempt(credentials, call), policy));
    },
  };
}

export type BitgetClient = ReturnType<typeof createBitgetClient>;
