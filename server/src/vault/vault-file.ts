import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { VAULT_FILE_NAME } from '../config/data-dir.ts';
import { removeStrayTmpFiles, writeFileAtomic, type BackupPolicy } from './atomic-write.ts';
import { withDataDirLock } from './data-dir-lock.ts';
import { assertPrivateDir, assertPrivateFile } from './private-file.ts';
import { decryptWithKey, sealVault } from './vault-cipher.ts';
import { vaultContentSchema, type VaultContent } from './vault-content.ts';
import { NoVaultError, UnlockFailedError, VaultChangedError } from './vault-errors.ts';
import { MAX_VAULT_BYTES, parseVaultFile } from './vault-format.ts';
import { deriveScryptKey, type DeriveKey, type ScryptParams } from './vault-kdf.ts';

type Env = Record<string, string | undefined>;

export type VaultFileOptions = {
  /** Defaults to process.env; decides whether the test-only fast KDF is acceptable. */
  env?: Env;
  /** Defaults to scrypt; tests inject a spy. */
  deriveKey?: DeriveKey;
};

/** The derived key and what it was derived with; kept in memory while the vault is unlocked. */
export type VaultKey = { key: Buffer; kdf: ScryptParams; salt: Buffer };

/**
 * Checks permissions, removes stray temp files, then decrypts dir/vault.kav.
 * The header is validated before the KDF runs. Never writes the vault.
 */
export async function readVaultFile(
  dir: string,
  passphrase: string,
  options: VaultFileOptions = {},
): Promise<{ vaultKey: VaultKey; content: VaultContent }> {
  const path = join(dir, VAULT_FILE_NAME);
  await assertPrivateDir(dir);
  try {
    await assertPrivateFile(path);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') throw new NoVaultError(path);
    throw error;
  }
  await assertPrivateFile(`${path}.bak`).catch((error: unknown) => {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
  });
  // Under the lock: a temp file is only stray if no save is in progress; another process's may be mid-rename.
  await withDataDirLock(dir, () => removeStrayTmpFiles(dir, VAULT_FILE_NAME));
  if ((await stat(path)).size > MAX_VAULT_BYTES) throw new UnlockFailedError();
  return decryptVaultBytes(await readFile(path), passphrase, options);
}

/** Decrypts vault bytes (a vault.kav or its .bak) with a passphrase. */
export async function decryptVaultBytes(
  file: Buffer,
  passphrase: string,
  { env = process.env, deriveKey = deriveScryptKey }: VaultFileOptions = {},
): Promise<{ vaultKey: VaultKey; content: VaultContent }> {
  const { header } = parseVaultFile(file, env); // throws before any derivation
  let key: Buffer;
  try {
    key = await deriveKey(passphrase, header.salt, header.kdf);
  } catch {
    throw new UnlockFailedError();
  }
  const plaintext = decryptWithKey(file, key, env);
  try {
    const content = parseContent(plaintext);
    return { vaultKey: { key, kdf: header.kdf, salt: header.salt }, content };
  } finally {
    plaintext.fill(0);
  }
}

function parseContent(plaintext: Buffer): VaultContent {
  let json: unknown;
  try {
    json = JSON.parse(plaintext.toString('utf8'));
  } catch {
    throw new UnlockFailedError();
  }
  // Authentic but unreadable (a newer format, or a bug): still "damaged", never a partial result.
  const parsed = vaultContentSchema.safeParse(json);
  if (!parsed.success) throw new UnlockFailedError();
  return parsed.data;
}

/**
 * Encrypts under a fresh nonce and replaces dir/vault.kav atomically. The old one is kept as .bak, except with
 * backup 'new': then .bak is replaced by the new version too, so the old passphrase or a removed secret no longer
 * opens anything. (Deleting a file does not scrub its blocks from disk; they are ciphertext under the old key.)
 */
export async function writeVaultFile(dir: string, vaultKey: VaultKey, content: VaultContent, env: Env = process.env, backup: BackupPolicy = 'previous'): Promise<void> {
  const plaintext = Buffer.from(JSON.stringify(vaultContentSchema.parse(content)), 'utf8');
  try {
    const file = sealVault(plaintext, vaultKey.key, vaultKey);
    await writeFileAtomic(dir, VAULT_FILE_NAME, file, env, backup);
  } finally {
    plaintext.fill(0);
  }
  await assertPrivateFile(join(dir, VAULT_FILE_NAME)); // verify the mode we asked for is the mode we got
}

/**
 * The vault as it is on disk now, read with the key we already hold (one decryption, no KDF): another keyaudit
 * process may have saved since we unlocked. Throws VaultChangedError when the key no longer opens it — the
 * passphrase was changed elsewhere, or the file was damaged (saving over it would rotate the good copy out of
 * vault.kav.bak).
 */
export async function readVaultWithKey(dir: string, vaultKey: VaultKey, env: Env = process.env): Promise<VaultContent> {
  const path = join(dir, VAULT_FILE_NAME);
  try {
    const file = await readFile(path);
    if (!parseVaultFile(file, env).header.salt.equals(vaultKey.salt)) throw new VaultChangedError(path, 'rekeyed');
    const plaintext = decryptWithKey(file, vaultKey.key, env);
    try {
      return parseContent(plaintext);
    } finally {
      plaintext.fill(0);
    }
  } catch (error) {
    throw error instanceof VaultChangedError ? error : new VaultChangedError(path, 'unreadable');
  }
}
