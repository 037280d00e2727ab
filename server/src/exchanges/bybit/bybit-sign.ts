import type { Credentials } from '../exchange-adapter.ts';
import type { HttpRequest } from '../http-transport.ts';
import { hmac } from '../hmac.ts';

/** Bybit V5 takes parameters in the query for GET and as a JSON body for POST, never both. */
export type BybitRequest =
  | { baseUrl: string; method: 'GET'; path: string; query?: readonly (readonly [name: string, value: string])[] }
  | { baseUrl: string; method: 'POST'; path: string; /** Exact JSON bytes sent; "{}" when there are no parameters. */ body: string };

/** "default value is 5,000" (docs/exchanges/bybit.md#signing). */
export const BYBIT_DEFAULT_RECV_WINDOW_MS = 5_000;

/**
 * Signs a private Bybit V5 request (HMAC keys). Pure: clock and credentials come in as arguments.
 * See https://bybit-exchange.github.io/docs/v5/guide (docs/exchanges/bybit.md#signing):
 * X-BAPI-SIGN = lowercase hex(HMAC-SHA256(secret, timestamp + apiKey + recvWindow + (queryString | jsonBody))).
 */
export function signBybitRequest(
  request: BybitRequest,
  credentials: Credentials,
  timestampMs: number,
  recvWindowMs: number = BYBIT_DEFAULT_RECV_WINDOW_MS,
): HttpRequest {
  // BAD:  sign `subMemberId=1&cursor=12%3A0` but send the values encoded again (or not at all): 10004 Error sign.
  // GOOD: build the encoded query string once, sign it and send it. Bybit hands out cursors that already
  //       contain "%" (sieblyio/bybit-api#198), so values are always encoded, and "%" travels as "%25".
  const payload = request.method === 'GET' ? encodeQuery(request.query ?? []) : request.body;
  const timestamp = String(timestampMs);
  const recvWindow = String(recvWindowMs);
  const signature = credentials.secret.withBytes((key) => hmac('sha256', 'hex', key, timestamp + credentials.apiKey + recvWindow + payload));
  const url = request.baseUrl.replace(/\/+$/, '') + request.path;
  const headers: Record<string, string> = {
    'X-BAPI-API-KEY': credentials.apiKey,
    'X-BAPI-TIMESTAMP': timestamp,
    'X-BAPI-RECV-WINDOW': recvWindow,
    'X-BAPI-SIGN': signature,
  };
  if (request.method === 'GET') return { method: 'GET', url: payload ? `${url}?${payload}` : url, headers };
  return { method: 'POST', url, headers: { 'Content-Type': 'application/json', ...headers }, body: request.body };
}

/** encodeURIComponent per name and value, in the given order: a space is %20, never '+'. */
function encodeQuery(query: readonly (readonly [string, string])[]): string {
  return query.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
}
