import type { Credentials } from '../exchange-adapter.ts';
import type { HttpRequest } from '../http-transport.ts';
import { hmac } from '../hmac.ts';
import type { Redacted } from '../../secrets/redacted.ts';

type Query = readonly (readonly [name: string, value: string])[];

/** GET parameters travel in the signed query; POST parameters in a JSON body that is not signed. */
export type HtxRequest =
  | { baseUrl: string; method: 'GET'; path: string; query?: Query }
  | { baseUrl: string; method: 'POST'; path: string; /** Exact JSON bytes sent. */ body: string };

/** The signing step itself, the unit HTX's SDKs pin: base64(HMAC-SHA256(secret, METHOD\nhost\npath\nquery)). */
export function signHtxPrehash(secret: Redacted, method: string, host: string, path: string, query: string): string {
  return secret.withBytes((key) => hmac('sha256', 'base64', key, [method, host, path, query].join('\n')));
}

/** UTC "YYYY-MM-DDThh:mm:ss", no fraction, no zone (docs/exchanges/htx.md#signing). */
export function formatHtxTimestamp(timestampMs: number): string {
  return new Date(Math.floor(timestampMs / 1000) * 1000).toISOString().slice(0, 19);
}

/**
 * Signs a private HTX request with Signature Version 2. Pure: clock and credentials come in as arguments.
 * See https://huobiapi.github.io/docs/spot/v1/en/#authentication (docs/exchanges/htx.md#signing):
 * Signature = base64(HMAC-SHA256(secret, METHOD + "\n" + host + "\n" + path + "\n" + sorted, encoded query)).
 */
export function signHtxRequest(request: HtxRequest, credentials: Credentials, timestampMs: number): HttpRequest {
  const url = new URL(request.baseUrl.replace(/\/+$/, '') + request.path);
  const auth: [string, string][] = [
    ['AccessKeyId', credentials.apiKey],
    ['SignatureMethod', 'HmacSHA256'],
    ['SignatureVersion', '2'],
    ['Timestamp', formatHtxTimestamp(timestampMs)],
  ];
  const params = request.method === 'GET' ? [...auth, ...(request.query ?? [])] : auth;
  // BAD:  sign the parameters in the caller's order, or unencoded: "2017-05-11T15:19:30" must be signed as "…T15%3A19%3A30".
  // GOOD: encode each name and value once, sort by the encoded name in ASCII order, sign and send that same string.
  const query = params
    .map(([name, value]) => [encodeURIComponent(name), encodeURIComponent(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  // The host as sent, with its port where one is sent ("The host in signature text should be the same as the host in your API request").
  const signature = signHtxPrehash(credentials.secret, request.method, url.host, url.pathname, query);
  const signedUrl = `${url.origin}${url.pathname}?${query}&Signature=${encodeURIComponent(signature)}`;
  if (request.method === 'GET') return { method: 'GET', url: signedUrl, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } };
  return { method: 'POST', url: signedUrl, headers: { 'Content-Type': 'application/json' }, body: request.body };
}
