import type { HttpResponse } from '../../src/exchanges/http-transport.ts';

/** An answer as the transport hands it over; a non-string body is sent as JSON. */
export function httpResponse(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) };
}
