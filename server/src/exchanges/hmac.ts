import { createHmac } from 'node:crypto';

/** The one primitive every exchange signer shares; they differ in algorithm, encoding and prehash. */
export function hmac(
  algorithm: 'sha256' | 'sha512',
  encoding: 'base64' | 'hex',
  key: string,
  message: string,
): string {
  return createHmac(algorithm, key).update(message, 'utf8').digest(encoding);
}
