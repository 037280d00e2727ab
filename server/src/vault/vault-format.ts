import { UnlockFailedError } from './vault-errors.ts';
import { areScryptParamsAcceptable, type ScryptParams } from './vault-kdf.ts';

type Env = Record<string, string | undefined>;

/**
 * vault.kav v1, little-endian (docs/security-model.md#vault-format):
 *   0  8  magic "KEYAUDV\0"     8  1  version = 1     9  1  KDF id (1 = scrypt)
 *   10 12 log2N, r, p (u32 each) 22 32 salt          54 12 GCM nonce (new on every write)
 *   66 n  AES-256-GCM ciphertext  66+n 16 tag. Bytes 0..66 are the AAD.
 */
export const VAULT_MAGIC = Buffer.from('KEYAUDV\0', 'latin1');
export const FORMAT_VERSION = 1;
export const KDF_ID_SCRYPT = 1;
export const SALT_BYTES = 32;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
export const HEADER_BYTES = 66;
export const MAX_VAULT_BYTES = 2 ** 20;

export type VaultHeader = { kdf: ScryptParams; salt: Buffer; nonce: Buffer };

/** A structurally valid file: header parsed and bounded, nothing decrypted yet. */
export type ParsedVaultFile = { header: VaultHeader; aad: Buffer; ciphertext: Buffer; tag: Buffer };

export function encodeHeader({ kdf, salt, nonce }: VaultHeader): Buffer {
  if (salt.length !== SALT_BYTES || nonce.length !== NONCE_BYTES) throw new Error('Bad salt or nonce length.');
  const header = Buffer.alloc(HEADER_BYTES);
  VAULT_MAGIC.copy(header, 0);
  header.writeUInt8(FORMAT_VERSION, 8);
  header.writeUInt8(KDF_ID_SCRYPT, 9);
  header.writeUInt32LE(kdf.log2N, 10);
  header.writeUInt32LE(kdf.r, 14);
  header.writeUInt32LE(kdf.p, 18);
  salt.copy(header, 22);
  nonce.copy(header, 54);
  return header;
}

/**
 * Validates everything that can be checked without the key, so a bad or hostile header
 * never reaches the KDF. Every failure is an UnlockFailedError.
 */
export function parseVaultFile(file: Buffer, env: Env): ParsedVaultFile {
  // At least one byte of ciphertext: we never write an empty plaintext.
  if (file.length > MAX_VAULT_BYTES || file.length < HEADER_BYTES + 1 + TAG_BYTES) throw new UnlockFailedError();
  if (!file.subarray(0, 8).equals(VAULT_MAGIC)) throw new UnlockFailedError();
  if (file.readUInt8(8) !== FORMAT_VERSION || file.readUInt8(9) !== KDF_ID_SCRYPT) throw new UnlockFailedError();
  const kdf = { log2N: file.readUInt32LE(10), r: file.readUInt32LE(14), p: file.readUInt32LE(18) };
  if (!areScryptParamsAcceptable(kdf, env)) throw new UnlockFailedError();
  return {
    header: {
      kdf,
      salt: Buffer.from(file.subarray(22, 54)),
      nonce: Buffer.from(file.subarray(54, HEADER_BYTES)),
    },
    aad: Buffer.from(file.subarray(0, HEADER_BYTES)),
    ciphertext: file.subarray(HEADER_BYTES, file.length - TAG_BYTES),
    tag: Buffer.from(file.subarray(file.length - TAG_BYTES)),
  };
}
