import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { UnlockFailedError } from './vault-errors.ts';
import { encodeHeader, NONCE_BYTES, parseVaultFile, TAG_BYTES } from './vault-format.ts';
import type { ScryptParams } from './vault-kdf.ts';

type Env = Record<string, string | undefined>;

/** Encrypts the plaintext under a fresh random nonce; returns the whole file (header ‖ ciphertext ‖ tag). */
export function sealVault(plaintext: Buffer, key: Buffer, keyInfo: { kdf: ScryptParams; salt: Buffer }): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const header = encodeHeader({ ...keyInfo, nonce });
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(header);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, ciphertext, cipher.getAuthTag()]);
}

/** Decrypts a whole vault file with an already derived key (the header is checked first). */
export function decryptWithKey(file: Buffer, key: Buffer, env: Env = process.env): Buffer {
  const { header, aad, ciphertext, tag } = parseVaultFile(file, env);
  return openGcm(key, header.nonce, aad, ciphertext, tag);
}

/**
 * AES-256-GCM decryption that insists on a full 16-byte tag. Without `authTagLength`, Node 20's
 * setAuthTag() accepts a 4-byte tag (DEP0182), so the option is set and the length checked too.
 */
export function openGcm(key: Buffer, nonce: Buffer, aad: Buffer, ciphertext: Buffer, tag: Buffer): Buffer {
  if (tag.length !== TAG_BYTES) throw new UnlockFailedError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new UnlockFailedError();
  }
}
