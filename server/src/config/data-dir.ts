import { mkdir, chmod, lstat, readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { assertPrivateDir, assertPrivateFile, formatMode } from '../vault/private-file.ts';
import { InsecureFileError } from '../vault/vault-errors.ts';

type Env = Record<string, string | undefined>;

export const VAULT_FILE_NAME = 'vault.kav';
export const ACTION_LOG_FILE_NAME = 'actions.log';

/** Where keyaudit keeps its vault and action log: $KEYAUDIT_HOME, else ~/.config/keyaudit. */
export function resolveDataDir(env: Env = process.env): string {
  const configured = env.KEYAUDIT_HOME?.trim();
  return configured ? resolve(configured) : join(homedir(), '.config', 'keyaudit');
}

export function actionLogPath(dataDir: string): string {
  return join(dataDir, ACTION_LOG_FILE_NAME);
}

/**
 * Creates the data directory 0700 whatever the umask (mkdir's mode is masked by it, so chmod
 * explicitly and verify, like Jupyter's secure_write), or checks an existing one is private.
 */
export async function ensureDataDir(dir: string): Promise<void> {
  const created = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (created !== undefined) {
    await chmod(dir, 0o700);
    const mode = (await stat(dir)).mode & 0o777;
    if (mode !== 0o700) throw new InsecureFileError(dir, `could not be made private (mode ${formatMode(mode)}).`);
  }
  await assertPrivateDir(dir);
}

/**
 * Every entry of the data directory, not only the vault, must be private at start-up: the log, policy.json, the
 * history database and runtime files say what keys exist and what was done with them. Refuses the first that is
 * not, naming it and the chmod that fixes it. A symbolic link is refused too: it could point anywhere.
 */
export async function assertDataDirPrivate(dir: string): Promise<void> {
  await assertPrivateDir(dir);
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    const stats = await lstat(path);
    if (stats.isSymbolicLink()) throw new InsecureFileError(path, 'is a symbolic link; keyaudit keeps only its own files here. Remove it.');
    if (stats.isDirectory()) await assertPrivateDir(path);
    else await assertPrivateFile(path);
  }
}
