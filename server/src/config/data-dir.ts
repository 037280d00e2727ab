import { mkdir, chmod, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { assertPrivateDir, formatMode } from '../vault/private-file.ts';
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
