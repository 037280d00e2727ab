import type { Credentials } from '../exchange-adapter.ts';
import type { HttpMethod, HttpRequest } from '../http-transport.ts';
import { hmac } from '../hmac.ts';
import { ExchangeError } from '../exchange-error.ts';

/** Ordered name/value pairs: the bytes sent and the bytes signed follow this order. */
export type BinanceParams = readonly (readonly [name: string, value: string])[];

export type BinanceRequest = {
  baseUrl: string;
  method: HttpMethod;
  /** Path without host or query, e.g. "/sapi/v1/account/apiRestrictions". */
  path: string;
  /** Every parameter, `timestamp` included (see withBinanceTimestamp); sent in the body for POST. */
  params: BinanceParams;
};

/** "If recvWindow is not sent, it defaults to 5000 milliseconds" (docs/exchanges/binance.md#timestamp-window). */
export const BINANCE_DEFAULT_RECV_WINDOW_MS = 5_000;

/** Appends recvWindow and timestamp after the other parameters, in the order of the docs' own examples (docs/exchanges/binance.md#signing). */
export function withBinanceTimestamp(params: BinanceParams, timestampMs: number, recvWindowMs = BINANCE_DEFAULT_RECV_WINDOW_MS): BinanceParams {
  return [...params, ['recvWindow', String(recvWindowMs)], ['timestamp', String(Math.trunc(timestampMs))]];
}

/**
 * Signs a SIGNED (HMAC key) Binance request. Pure: the timestamp is one of the params.
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security (docs/exchanges/binance.md#signing):
 * signature = hex(HMAC-SHA256(secret, queryString + body)), sent as the last parameter; the key goes in X-MBX-APIKEY.
 */
export function signBinanceRequest(request: BinanceRequest, credentials: Credentials): HttpRequest {
  if (!request.params.some(([name]) => name === 'timestamp')) {
    throw new ExchangeError('invalid-request', 'keyaudit built a Binance request without a timestamp; nothing was sent.');
  }
  // BAD:  sign "email=ops@acme.io" and send "email=ops%40acme.io" — Binance answers -1022, it checks the bytes it received.
  // GOOD: encode every value once (non-ASCII must be percent-encoded), then sign and send that same string.
  const payload = request.params.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
  const signed = `${payload}&signature=${credentials.secret.withBytes((key) => hmac('sha256', 'hex', key, payload))}`;
  const url = request.baseUrl.replace(/\/+$/, '') + request.path;
  const headers: Record<string, string> = { 'X-MBX-APIKEY': credentials.apiKey };
  if (request.method === 'POST') {
    return { method: request.method, url, headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, body: signed };
  }
  return { method: request.method, url: `${url}?${signed}`, headers };
}
