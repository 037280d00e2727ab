import { createHash } from 'node:crypto';
import type { Credentials } from '../exchange-adapter.ts';
import type { HttpMethod, HttpRequest } from '../http-transport.ts';
import { hmac } from '../hmac.ts';

/** Ordered pairs: the URL and the signature string use this order. */
export type GateQuery = readonly (readonly [name: string, value: string])[];

export type GateRequest = {
  /** Host of the API, e.g. "https://api.gateio.ws"; a simulator may add its mount path. */
  baseUrl: string;
  method: HttpMethod;
  /** Path as Gate sees it, /api/v4 prefix included, e.g. "/api/v4/account/detail". */
  path: string;
  query?: GateQuery;
  /** Exact JSON bytes sent. */
  body?: string;
};

/**
 * Signs a private Gate API v4 request. Pure: clock and credentials come in as arguments.
 * See https://www.gate.com/docs/developers/apiv4/en "APIv4 Signature string generation"
 * (docs/exchanges/gate.md#signing):
 * SIGN = hex(HMAC-SHA512(secret, METHOD \n /api/v4/path \n rawQuery \n hex(SHA512(body)) \n timestampSeconds)).
 */
export function signGateRequest(request: GateRequest, credentials: Credentials, timestampMs: number): HttpRequest {
  const pairs = request.query ?? [];
  // BAD:  sign the encoded query (names=a%2Cb): Gate answers INVALID_SIGNATURE (sieblyio/gateio-api#83, docs/exchanges/gate.md#known-problems).
  // GOOD: sign the raw query (names=a,b) and send the encoded one, same pairs, same order.
  const rawQuery = pairs.map(([name, value]) => `${name}=${value}`).join('&');
  const encodedQuery = pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
  const body = request.body ?? '';
  // Gate's Timestamp header is in seconds and may be at most 60 s away from Gate's clock.
  const timestamp = String(Math.floor(timestampMs / 1000));
  const bodyHash = createHash('sha512').update(body, 'utf8').digest('hex');
  const signatureString = [request.method, request.path, rawQuery, bodyHash, timestamp].join('\n');
  return {
    method: request.method,
    url: request.baseUrl.replace(/\/+$/, '') + request.path + (encodedQuery ? `?${encodedQuery}` : ''),
    headers: {
      Accept: 'application/json',
      // Only with a body: a body-less DELETE needs no Content-Type.
      ...(body ? { 'Content-Type': 'application/json' } : {}),
      KEY: credentials.apiKey,
      Timestamp: timestamp,
      SIGN: credentials.secret.withBytes((key) => hmac('sha512', 'hex', key, signatureString)),
    },
    ...(body ? { body } : {}),
  };
}
