export type HttpMethod = 'GET' | 'POST' | 'DELETE';
export type HttpRequest = { method: HttpMethod; url: string; headers: Record<string, string>; body?: string };
export type HttpResponse = { status: number; headers: Record<string, string>; body: string };

/** The only way out to the network. Tests and the in-process simulators swap it or its base URL. */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Responses larger than this are not a key listing: refuse them rather than buffer them. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

export function createFetchTransport({ timeoutMs = DEFAULT_TIMEOUT_MS } = {}): HttpTransport {
  return async (request) => {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MAX_BODY_BYTES) {
      await response.body?.cancel();
      throw new Error('response too large');
    }
    const body = await response.text();
    if (body.length > MAX_BODY_BYTES) throw new Error('response too large');
    return { status: response.status, headers: Object.fromEntries(response.headers), body };
  };
}

export const fetchTransport: HttpTransport = createFetchTransport();
