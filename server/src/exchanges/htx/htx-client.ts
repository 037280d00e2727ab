import type { AdapterDeps, Credentials } from '../exchange-adapter.ts';
import type { ExchangeError } from '../exchange-error.ts';
import { defaultSleep, runWithRetries, type RetryDeps } from '../run-with-retries.ts';
import { sendRequest } from '../send-request.ts';
import { createServerClock } from '../server-clock.ts';
import { parseHtxEnvelope, type HtxAnswer } from './htx-errors.ts';
import { htxServerTimeSchema, parseHtxData } from './htx-responses.ts';
import { signHtxRequest, type HtxRequest } from './htx-sign.ts';

export type HtxClientDeps = AdapterDeps & RetryDeps;
type WithoutBaseUrl<T> = T extends unknown ? Omit<T, 'baseUrl'> : never;
export type HtxCall = WithoutBaseUrl<HtxRequest>;

/** "Each API Key is limited to 10 times per second" (docs/exchanges/htx.md#rate-limits). */
export const HTX_CALLS_PER_SECOND = 10;
const WINDOW_MS = 1_000;
const RATE_LIMIT_WAIT_MS = 1_000;

/** Sends signed HTX requests for one connection: keeps the server-clock offset, paces calls, retries what is safe. */
export function createHtxClient(deps: HtxClientDeps) {
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;
  const baseUrl = deps.baseUrl.replace(/\/+$/, '');
  const clock = createServerClock({ now: deps.now, readServerMs: fetchServerTimeMs });
  let queue: Promise<unknown> = Promise.resolve();
  /** When this connection's calls of the last second were sent, oldest first. */
  let sentAtMs: number[] = [];

  /** GET /v1/common/timestamp is public (docs/exchanges/htx.md#server-time). */
  async function fetchServerTimeMs(): Promise<number> {
    const response = await sendRequest(deps.transport, { method: 'GET', url: `${baseUrl}/v1/common/timestamp`, headers: {} });
    return parseHtxData(htxServerTimeSchema, parseHtxEnvelope(response).data);
  }

  /**
   * Admits calls in order, at most HTX_CALLS_PER_SECOND in any second: a burst goes out at once, the next call waits for
   * the oldest of the window to age out. The calls themselves may overlap; only their start is paced.
   */
  function paced<T>(send: () => Promise<T>): Promise<T> {
    const admitted = queue.then(async () => {
      sentAtMs = sentAtMs.filter((atMs) => atMs > deps.now() - WINDOW_MS);
      if (sentAtMs.length >= HTX_CALLS_PER_SECOND) await sleep(sentAtMs[0]! + WINDOW_MS - deps.now());
      sentAtMs = [...sentAtMs.filter((atMs) => atMs > deps.now() - WINDOW_MS), deps.now()];
    });
    queue = admitted;
    return admitted.then(send);
  }

  async function attempt(credentials: Credentials, call: HtxCall): Promise<HtxAnswer> {
    const offsetMs = await clock.offsetMs();
    // Signed only when its turn comes: waiting for the pace must not age the timestamp.
    const response = await paced(() => sendRequest(deps.transport, signHtxRequest({ ...call, baseUrl }, credentials, Math.round(deps.now() + offsetMs))));
    return parseHtxEnvelope(response);
  }

  async function waitOutRateLimit(_error: ExchangeError): Promise<boolean> {
    await sleep(RATE_LIMIT_WAIT_MS);
    return true;
  }

  return {
    async fetchPrivate(credentials: Credentials, call: HtxCall, { isRetrySafe = call.method === 'GET' } = {}): Promise<HtxAnswer> {
      const policy = { isRetrySafe, sleep, random, waitOutRateLimit };
      // "Invalid submission time" after the clock drifted since the last sync: re-sync and retry once.
      return clock.retryOnClockSkew(() => runWithRetries(() => attempt(credentials, call), policy));
    },
  };
}

export type HtxClient = ReturnType<typeof createHtxClient>;
