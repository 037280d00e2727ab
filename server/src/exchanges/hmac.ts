import { createHmac } from 'node:crypto';

/**
 * The one primitive every exchange signer shares; they differ in algorithm, encoding and prehash. Key and
 * message may be Buffers, so a secret can be used from a copy that is zeroed right after (Redacted.withBytes).
 */
export function hmac(
  algorithm: 'sha256' | 'sha512',
  encoding: 'base64' | 'hex',
  key: string | Buffer,
  message: string | Buffer,
): string {
  const mac = createHmac(algorithm, key);
  if (typeof message === 'string') mac.update(message, 'utf8');
  else mac.update(message);
  return mac.digest(encoding);
}
