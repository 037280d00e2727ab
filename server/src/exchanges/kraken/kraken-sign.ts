import { createHash } from 'node:crypto';
import type { Credentials } from '../exchange-adapter.ts';
import type { HttpRequest } from '../http-transport.ts';
import { hmac } from '../hmac.ts';

/** A private Kraken Spot REST call: always a form-encoded POST to a path under /0/private/. */
export type KrakenRequest = {
  baseUrl: string;
  path: `/0/private/${string}`;
  /** Form fields after the nonce, in the order given. */
  params?: readonly (readonly [name: string, value: string])[];
};

/**
 * Signs a private Kraken request. Pure: the nonce and credentials come in as arguments.
 * See https://docs.kraken.com/api/docs/guides/spot-rest-auth (docs/exchanges/kraken.md#signing):
 * API-Sign = base64(HMAC-SHA512(base64-decoded secret, path bytes + SHA256(nonce + body))), where the body is the exact
 * form-encoded POST data, nonce included.
 */
export function signKrakenRequest(request: KrakenRequest, credentials: Credentials, nonce: string): HttpRequest {
  const body = encodeForm([['nonce', nonce], ...(request.params ?? [])]);
  const digest = createHash('sha256').update(nonce + body, 'utf8').digest();
  const message = Buffer.concat([Buffer.from(request.path, 'utf8'), digest]);
  const signature = credentials.secret.withBytes((bytes) => {
    // The secret is base64 text; the HMAC key is what it decodes to. The decoded copy is zeroed like the text.
    const key = Buffer.from(bytes.toString('latin1'), 'base64');
    try {
      return hmac('sha512', 'base64', key, message);
    } finally {
      key.fill(0);
    }
  });
  return {
    method: 'POST',
    url: request.baseUrl.replace(/\/+$/, '') + request.path,
    headers: { 'API-Key': credentials.apiKey, 'API-Sign': signature, 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  };
}

/** encodeURIComponent per name and value, in the given order. */
function encodeForm(fields: readonly (readonly [string, string])[]): string {
  return fields.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
}
