import { ExchangeError } from './exchange-error.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type HttpRequest = { method: HttpMethod; url: string; headers: Record<string, string>; body?: string };
export type HttpResponse = { status: number; headers: Record<string, string>; body: string };

/** The only way out to the network. Tests and the in-process simulators swap it or its base URL. */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Responses larger than this are not a key listing: refuse them rather than buffer them. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * An answer over the size cap. A 'bad-response', not a transient failure, so the retry loop does not download
 * it again (run-with-retries.ts retries only 'exchange-error', 'unreachable' and 'timeout').
 */
export const responseTooLarge = (maxBodyBytes: number) =>
  new ExchangeError('bad-response', `The exchange sent an answer larger than ${Math.round(maxBodyBytes / 1024)} KiB; keyaudit stopped reading it.`);

/**
 * Sends with fetch, never following redirects. The whole exchange — headers and body — must finish within
 * `timeoutMs`, and the body is read as a stream and abandoned as soon as it passes `maxBodyBytes`, so a hostile
 * or broken exchange can neither hold a request open nor fill memory.
 *
 * BAD:  fetch(url, { signal: AbortSignal.timeout(ms) }) then response.text()
 *       — text() buffers any size; and a body that drips one byte a second outlived the timeout once garbage
 *       collection had cut fetch's weak link to the signal.
 * GOOD: a timer we hold until the body is read (cleared in `finally`), and a capped streaming read that our
 *       own abort rejects directly.
 */
export function createFetchTransport({ timeoutMs = DEFAULT_TIMEOUT_MS, maxBodyBytes = MAX_BODY_BYTES } = {}): HttpTransport {
  return async (request) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException('The exchange did not answer in time.', 'TimeoutError')), timeoutMs);
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: 'error',
        signal: controller.signal,
      });
      const declared = Number(response.headers.get('content-length') ?? 0);
      if (declared > maxBodyBytes) {
        controller.abort();
        throw responseTooLarge(maxBodyBytes);
      }
      const body = await readCapped(response, maxBodyBytes, controller);
      return { status: response.status, headers: Object.fromEntries(response.headers), body };
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * Reads the body as a stream, up to `maxBodyBytes`. Our own abort rejects the read directly: fetch follows the
 * caller's signal only weakly, so once the request object is garbage-collected an abort no longer reaches a body
 * still being read (reproduced in http-transport.test.ts by collecting garbage while a body drips).
 */
async function readCapped(response: Response, maxBodyBytes: number, controller: AbortController): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const aborted = new Promise<never>((_resolve, reject) => {
    const onAbort = () => {
      reject(controller.signal.reason);
      void reader.cancel().catch(() => {});
    };
    if (controller.signal.aborted) onAbort();
    else controller.signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => {});
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await Promise.race([reader.read(), aborted]);
    if (done) break;
    total += value.byteLength;
    if (total > maxBodyBytes) {
      controller.abort();
      throw responseTooLarge(maxBodyBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export const fetchTransport: HttpTransport = createFetchTransport();
