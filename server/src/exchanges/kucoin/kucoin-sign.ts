import type { Credentials } from '../exchange-adapter.ts';
import type { HttpMethod, HttpRequest } from '../http-transport.ts';
import { hmac } from '../hmac.ts';
import { ExchangeError } from '../exchange-error.ts';
import { Redacted } from '../../secrets/redacted.ts';

/** Values may stay Redacted (a key passphrase in a DELETE query) until this signer reveals them. */
export type KucoinQuery = readonly (readonly [name: string, value: string | Redacted])[];

export type KucoinRequest = {
  baseUrl: string;
  method: HttpMethod;
  /** Path without host or query, e.g. "/api/v1/sub/api-key". */
  path: string;
  /** Ordered pairs: the URL and the prehash use this order. */
  query?: KucoinQuery;
  /** POST only: exact JSON bytes, or an object serialized here, revealing Redacted values (a key passphrase) only now. */
  body?: string | KucoinJsonBody;
};

/** A JSON body whose values may stay Redacted until the signer serializes it. */
export type KucoinJsonBody = Readonly<Record<string, string | Redacted>>;

/** KC-API-KEY-VERSION: both versions HMAC the passphrase; v1 (plaintext) was retired in 2021. */
export type KucoinKeyVersion = '2' | '3';

/**
 * Signs a private KuCoin request. Pure: clock and credentials come in as arguments.
 * See https://www.kucoin.com/docs-new/authentication (docs/exchanges/kucoin.md#signing):
 * prehash = timestamp + METHOD + path + ("?" + raw query) + body,
 * KC-API-SIGN and KC-API-PASSPHRASE = base64(HMAC-SHA256(secret, …)).
 */
export function signKucoinRequest(
  request: KucoinRequest,
  credentials: Credentials,
  timestampMs: number,
  keyVersion: KucoinKeyVersion = '3',
): HttpRequest {
  if (!credentials.passphrase) {
    throw new ExchangeError('invalid-request', 'This KuCoin connection has no API passphrase; add the passphrase chosen when the key was created.');
  }
  const pairs = (request.query ?? []).map(([name, value]) => [name, reveal(value)] as const);
  // BAD:  sign the encoded query (passphrase=abc%21%40%2311) — KuCoin answers 400005 Invalid KC-API-SIGN.
  // GOOD: sign the raw query (passphrase=abc!@#11) and send the encoded one, same pairs, same order.
  //       The docs spell this out with exactly the DELETE /api/v1/sub/api-key call we use to revoke.
  const rawQuery = pairs.map(([name, value]) => `${name}=${value}`).join('&');
  const encodedQuery = pairs.map(([name, value]) => `${encodeQueryValue(name)}=${encodeQueryValue(value)}`).join('&');
  const body = typeof request.body === 'object'
    ? JSON.stringify(Object.fromEntries(Object.entries(request.body).map(([name, value]) => [name, reveal(value)])))
    : (request.body ?? '');
  const timestamp = String(timestampMs);
  const prehash = timestamp + request.method + request.path + (rawQuery ? `?${rawQuery}` : '') + body;
  const passphrase = credentials.passphrase;
  const [signature, signedPassphrase] = credentials.secret.withBytes((secret) => [
    hmac('sha256', 'base64', secret, prehash),
    passphrase.withBytes((passphraseBytes) => hmac('sha256', 'base64', secret, passphraseBytes)),
  ]);
  return {
    method: request.method,
    url: request.baseUrl.replace(/\/+$/, '') + request.path + (encodedQuery ? `?${encodedQuery}` : ''),
    headers: {
      'Content-Type': 'application/json',
      'KC-API-KEY': credentials.apiKey,
      'KC-API-SIGN': signature,
      'KC-API-TIMESTAMP': timestamp,
      'KC-API-PASSPHRASE': signedPassphrase,
      'KC-API-KEY-VERSION': keyVersion,
    },
    ...(body ? { body } : {}),
  };
}

/**
 * encodeURIComponent (a space becomes %20, never '+', whose decoding KuCoin does not document),
 * plus !'()* so the URL matches the docs' own example (passphrase=abc%21%40%2311).
 */
function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function reveal(value: string | Redacted): string {
  return value instanceof Redacted ? value.reveal() : value;
}
