import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDataDir, VAULT_FILE_NAME } from '../config/data-dir.ts';
import { assertPassphraseStrength } from './passphrase-policy.ts';
import { createVaultHandle, type Vault } from './vault.ts';
import { withDataDirLock } from './data-dir-lock.ts';
import { VaultExistsError } from './vault-errors.ts';
import { readVaultFile, writeVaultFile, type VaultFileOptions, type VaultKey } from './vault-file.ts';
import { SALT_BYTES } from './vault-format.ts';
import { deriveScryptKey, kdfParamsForNewKey } from './vault-kdf.ts';
import { toVaultConnection } from './vault-content.ts';

export type VaultOptions = VaultFileOptions;

export function vaultExists(dir: string): boolean {
  return existsSync(join(dir, VAULT_FILE_NAME));
}

/** Creates the data dir (0700) and an empty vault (0600). Refuses to overwrite an existing vault. */
export async function createVault(dir: string, passphrase: string, options: VaultOptions = {}): Promise<Vault> {
  const env = options.env ?? process.env;
  assertPassphraseStrength(passphrase);
  const kdf = kdfParamsForNewKey(env); // refuses the test-only KDF before anything touches the disk
  await ensureDataDir(dir);
  if (vaultExists(dir)) throw new VaultExistsError(join(dir, VAULT_FILE_NAME));
  const salt = randomBytes(SALT_BYTES);
  const vaultKey: VaultKey = { key: await (options.deriveKey ?? deriveScryptKey)(passphrase, salt, kdf), kdf, salt };
  // Checked again under the lock: two first `keyaudit add`s at once must not both create a vault.
  await withDataDirLock(dir, async () => {
    if (vaultExists(dir)) throw new VaultExistsError(join(dir, VAULT_FILE_NAME));
    await writeVaultFile(dir, vaultKey, { v: 1, generation: 1, connections: [], actionLogHead: null }, env);
  });
  return createVaultHandle(dir, vaultKey, { generation: 1, connections: [], actionLogHead: null }, options);
}

/**
 * Unlocks dir/vault.kav. Fails with UnlockFailedError on a wrong passphrase or any damage,
 * InsecureFileError on loose permissions, NoVaultError when there is none. Never rewrites the file.
 */
export async function openVault(dir: string, passphrase: string, options: VaultOptions = {}): Promise<Vault> {
  const { vaultKey, content } = await readVaultFile(dir, passphrase, options);
  return createVaultHandle(
    dir,
    vaultKey,
    {
      generation: content.generation,
      connections: content.connections.map((record) => toVaultConnection(record)),
      actionLogHead: content.actionLogHead,
      content,
    },
    options,
  );
}
