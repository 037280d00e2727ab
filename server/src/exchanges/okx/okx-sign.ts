import type { Credentials } from '../exchange-adapter.ts';
import type { HttpMethod, HttpRequest } from '../http-transport.ts';
import { hmac } from '../hmac.ts';
import { ExchangeError } from '../exchange-error.ts';

export type OkxRequest = {
  baseUrl: string;
  method: HttpMethod;
  /** Path without host or query, e.g. "/api/v5/users/subaccount/apikey". */
  path: string;
  /** Ordered pairs: the URL and the prehash use this order. */
  query?: readonly (readonly [name: string, value: string])[];
  /** Exact JSON bytes sent (POST only). */
  body?: string;
};

/**
 * Signs a private OKX v5 request. Pure: clock and credentials come in as arguments.
 * See https://www.okx.com/docs-v5/en/#overview-rest-authentication (docs/exchanges/okx.md#signing):
 * OK-ACCESS-SIGN = base64(HMAC-SHA256(secret, isoTimestamp + METHOD + requestPath(+ "?" + query) + body)),
 * the passphrase travels as typed in OK-ACCESS-PASSPHRASE.
 */
export function signOkxRequest(request: OkxRequest, credentials: Credentials, timestampMs: number): HttpRequest {
  if (!credentials.passphrase) {
    throw new ExchangeError('invalid-request', 'This OKX connection has no API passphrase; add the passphrase chosen when the key was created.');
  }
  // BAD:  sign the decoded query while sending an encoded one (KuCoin's rule) — the bytes differ.
  // GOOD: OKX counts GET parameters as part of requestPath, so sign exactly the path and query sent.
  const query = (request.query ?? []).map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
  const requestPath = request.path + (query ? `?${query}` : '');
  const body = request.body ?? '';
  // "2020-12-08T09:08:57.715Z": ISO 8601 in UTC with milliseconds; a local offset is the usual cause of 50102.
  const timestamp = new Date(timestampMs).toISOString();
  return {
    method: request.method,
    url: request.baseUrl.replace(/\/+$/, '') + requestPath,
    headers: {
      'OK-ACCESS-KEY': credentials.apiKey,
      'OK-ACCESS-SIGN': credentials.secret.withBytes((key) => hmac('sha256', 'base64', key, timestamp + request.method + requestPath + body)),
      'OK-ACCESS-TIMESTAMP': timestamp,
      'OK-ACCESS-PASSPHRASE': credentials.passphrase.reveal(),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body ? { body } : {}),
  };
}
