import type { AdapterDeps, Credentials } from '../exchange-adapter.ts';
import { ExchangeError } from '../exchange-error.ts';
import { defaultSleep, runWithRetries, type RetryDeps } from '../run-with-retries.ts';
import { sendRequest } from '../send-request.ts';
import { parseKrakenEnvelope } from './kraken-errors.ts';
import { signKrakenRequest, type KrakenRequest } from './kraken-sign.ts';

export type KrakenClientDeps = AdapterDeps & RetryDeps;
export type KrakenCall = Omit<KrakenRequest, 'baseUrl'>;

/**
 * Kraken's call counter decays by 0.33 a second on the Starter tier (docs/exchanges/kraken.md#rate-limits): one call a
 * second per connection stays far below it, and after a refusal 3 seconds lower the counter by one.
 */
export const KRAKEN_MIN_CALL_GAP_MS = 1_000;
const RATE_LIMIT_WAIT_MS = 3_000;
const MAX_WAIT_MS = 30_000;

/**
 * The last nonce this process sent. Kraken wants each nonce of a key higher than the last it accepted
 * (docs/exchanges/kraken.md#timestamp-window), and several connections, or two audits of one, may use the same key in
 * this process: one counter for all of them, so two calls in one millisecond never share a nonce.
 */
let lastNonce = 0;
function nextNonce(nowMs: number): string {
  lastNonce = Math.max(lastNonce + 1, Math.floor(nowMs));
  return String(lastNonce);
}

/** Sends signed Kraken requests for one connection: paces its calls, retries what is safe, renews a refused nonce once. */
export function createKrakenClient(deps: KrakenClientDeps) {
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;
  /** One call at a time per connection, at least KRAKEN_MIN_CALL_GAP_MS apart. */
  let queue: Promise<unknown> = Promise.resolve();
  let lastCallMs = Number.NEGATIVE_INFINITY;

  function paced<T>(send: () => Promise<T>): Promise<T> {
    const run = queue.then(async () => {
      const waitMs = lastCallMs + KRAKEN_MIN_CALL_GAP_MS - deps.now();
      if (waitMs > 0) await sleep(waitMs);
      lastCallMs = deps.now();
      return send();
    });
    queue = run.catch(() => {});
    return run;
  }

  async function attempt(credentials: Credentials, call: KrakenCall): Promise<unknown> {
    const response = await paced(() =>
      // Signed only when its turn comes: a nonce taken before waiting could fall behind one sent meanwhile.
      sendRequest(deps.transport, signKrakenRequest({ ...call, baseUrl: deps.baseUrl }, credentials, nextNonce(deps.now()))));
    return parseKrakenEnvelope(response);
  }

  async function waitOutRateLimit(error: ExchangeError): Promise<boolean> {
    const waitMs = error.retryAfterMs ?? RATE_LIMIT_WAIT_MS;
    if (waitMs > MAX_WAIT_MS) return false;
    await sleep(waitMs);
    return true;
  }

  return {
    /** isRetrySafe: whether repeating the call after a 5xx or lost answer is harmless; every call keyaudit makes to Kraken reads. */
    async fetchPrivate(credentials: Credentials, call: KrakenCall, { isRetrySafe = true } = {}): Promise<unknown> {
      const policy = { isRetrySafe, sleep, random, waitOutRateLimit };
      const run = () => runWithRetries(() => attempt(credentials, call), policy);
      try {
        return await run();
      } catch (error) {
        // EAPI:Invalid nonce: the refused call was not processed; a fresh nonce is higher than any this process sent.
        if (!(error instanceof ExchangeError) || error.exchangeCode !== 'EAPI:Invalid nonce') throw error;
        return run();
      }
    },
  };
}

export type KrakenClient = ReturnType<typeof createKrakenClient>;
