import type { Credentials } from '../exchange-adapter.ts';
import type { HttpRequest } from '../http-transport.ts';
import { ExchangeError } from '../exchange-error.ts';
import { hmac } from '../hmac.ts';

/** keyaudit reads Bitget with GETs only. */
export type BitgetRequest = { baseUrl: string; method: 'GET'; path: string; query?: readonly (readonly [name: string, value: string])[] };

/**
 * Signs a private Bitget V2 request. Pure: clock and credentials come in as arguments.
 * See https://www.bitget.com/api-doc/common/signature (docs/exchanges/bitget.md#signing):
 * ACCESS-SIGN = base64(HMAC-SHA256(secret, timestamp + METHOD + path + ("?" + sorted raw query, if any) + body)).
 */
export function signBitgetRequest(request: BitgetRequest, credentials: Credentials, timestampMs: number): HttpRequest {
  if (!credentials.passphrase) {
    throw new ExchangeError('invalid-request', 'This Bitget connection has no passphrase; add the passphrase chosen when the key was created.');
  }
  // BAD:  sign the encoded query, or the query in the caller's order: Bitget checks the sorted, decoded one.
  // GOOD: sort once by name; sign the raw values, send them encoded (as ccxt does).
  const sorted = [...(request.query ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedQuery = sorted.map(([name, value]) => `${name}=${value}`).join('&');
  const sentQuery = sorted.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
  const timestamp = String(timestampMs);
  const prehash = timestamp + request.method + request.path + (signedQuery ? `?${signedQuery}` : '');
  const signature = credentials.secret.withBytes((key) => hmac('sha256', 'base64', key, prehash));
  const url = request.baseUrl.replace(/\/+$/, '') + request.path + (sentQuery ? `?${sentQuery}` : '');
  return {
    method: 'GET',
    url,
    headers: {
      'ACCESS-KEY': credentials.apiKey,
      'ACCESS-SIGN': signature,
      'ACCESS-TIMESTAMP': timestamp,
      'ACCESS-PASSPHRASE': credentials.passphrase.reveal(),
      'Content-Type': 'application/json',
      locale: 'en-US',
    },
  };
}
