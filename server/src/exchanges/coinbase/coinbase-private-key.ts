import { createPrivateKey, type KeyObject } from 'node:crypto';

/** A CDP key's private key, ready to sign: ES256 for an EC P-256 key, EdDSA for an Ed25519 key. */
export type CoinbaseSigningKey = { alg: 'ES256' | 'EdDSA'; key: KeyObject };

const PEM = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410): the 16 bytes before the 32-byte seed. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * Reads a CDP private key as the portal gives it (docs/exchanges/coinbase.md#signing): a PEM EC key
 * ("-----BEGIN EC PRIVATE KEY-----", the key file's `privateKey`) or an Ed25519 key as base64 (64 bytes, seed and public
 * key, or the 32-byte seed). The PEM may come pasted on one line: with the key file's "\n" escapes as typed characters,
 * or with its line breaks turned into spaces. Anything else, a legacy HMAC secret included, is null.
 */
export function parseCoinbasePrivateKey(secret: string): CoinbaseSigningKey | null {
  const text = secret.trim().replace(/\\n/g, '\n');
  const pem = PEM.exec(text);
  if (pem) return fromPem(pem[1]!, pem[2]!);
  if (!BASE64.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== 32 && bytes.length !== 64) return null;
  try {
    const key = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, bytes.subarray(0, 32)]), format: 'der', type: 'pkcs8' });
    return { alg: 'EdDSA', key };
  } finally {
    bytes.fill(0);
  }
}

function fromPem(label: string, body: string): CoinbaseSigningKey | null {
  const base64 = body.replace(/\s+/g, '');
  const lines = base64.match(/.{1,64}/g) ?? [];
  try {
    const key = createPrivateKey({ key: `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`, format: 'pem' });
    if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return { alg: 'ES256', key };
    if (key.asymmetricKeyType === 'ed25519') return { alg: 'EdDSA', key };
    return null;
  } catch {
    return null;
  }
}

