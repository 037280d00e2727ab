import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { HistoryUnavailableError } from './history-errors.ts';

export const HISTORY_KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Keyed fingerprints are truncated: 128 bits are plenty to tell keys apart, and halve the index. */
const FINGERPRINT_BYTES = 16;

/**
 * The three keys the history uses, each derived from the random history key kept in the vault (HKDF, RFC 5869,
 * with its own label), so a fingerprint never doubles as a ciphertext key.
 */
export type HistoryCipher = {
  /** AES-256-GCM under a fresh random nonce; `context` is bound as associated data (a blob cannot be moved to another row). */
  seal(plaintext: Buffer, context: string): Buffer;
  /** Throws HistoryUnavailableError when the blob was not sealed under this key and context. */
  open(blob: Buffer, context: string): Buffer;
  /** HMAC-SHA-256 fingerprint: how a key or account is matched across runs without its id being stored. */
  fingerprint(text: string): Buffer;
  /** HMAC-SHA-256 of a whole state: tells whether a key changed without decrypting its last version. */
  stateMac(text: string): Buffer;
  /** Zeroes the derived keys. */
  wipe(): void;
};

export function createHistoryCipher(historyKey: Buffer): HistoryCipher {
  if (historyKey.length !== HISTORY_KEY_BYTES) throw new RangeError('the history key must be 32 bytes');
  const derive = (label: string) => Buffer.from(hkdfSync('sha256', historyKey, Buffer.alloc(0), label, 32));
  const encryptionKey = derive('keyaudit history: encryption v1');
  const fingerprintKey = derive('keyaudit history: fingerprint v1');
  const macKey = derive('keyaudit history: state mac v1');
  return {
    seal(plaintext, context) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, nonce, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return Buffer.concat([nonce, cipher.getAuthTag(), ciphertext]);
    },
    open(blob, context) {
      if (blob.length < NONCE_BYTES + TAG_BYTES) throw damaged();
      try {
        const decipher = createDecipheriv('aes-256-gcm', encryptionKey, blob.subarray(0, NONCE_BYTES), { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(blob.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(blob.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]);
      } catch {
        throw damaged();
      }
    },
    fingerprint: (text) => createHmac('sha256', fingerprintKey).update(text, 'utf8').digest().subarray(0, FINGERPRINT_BYTES),
    stateMac: (text) => createHmac('sha256', macKey).update(text, 'utf8').digest().subarray(0, FINGERPRINT_BYTES),
    wipe() {
      for (const key of [encryptionKey, fingerprintKey, macKey]) key.fill(0);
    },
  };
}

const damaged = () => new HistoryUnavailableError('a recorded entry does not decrypt under the vault’s history key (the database was altered, or belongs to another vault).');
