import { chmod, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureDataDir } from '../config/data-dir.ts';
import { createVault, openVault } from './open-vault.ts';
import { assertPrivateFile } from './private-file.ts';
import { InsecureFileError } from './vault-errors.ts';
import { canaryConnection, FAST_KDF_ENV, fingerprint, makeTempDir, PASSPHRASE } from './vault-test-support.ts';

// docs/security-model.md#file-permissions: file modes after a run under umask 000.
const options = { env: FAST_KDF_ENV };
let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => { temp = await makeTempDir(); });
afterEach(async () => { await temp.cleanup(); });
const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('vault file permissions', () => {
  it('creates the directory 0700 and vault + backup 0600 even under umask 000', async () => {
    const previous = process.umask(0);
    try {
      const vault = await createVault(temp.dataDir, PASSPHRASE, options);
      await vault.addConnection(canaryConnection());
    } finally {
      process.umask(previous);
    }
    expect(await modeOf(temp.dataDir)).toBe(0o700);
    expect(await modeOf(join(temp.dataDir, 'vault.kav'))).toBe(0o600);
    expect(await modeOf(join(temp.dataDir, 'vault.kav.bak'))).toBe(0o600);
  });

  it.each(['vault.kav', 'vault.kav.bak'])('refuses to open when %s is 0644, naming the file', async (name) => {
    const vault = await createVault(temp.dataDir, PASSPHRASE, options);
    await vault.addConnection(canaryConnection());
    const path = join(temp.dataDir, name);
    await chmod(path, 0o644);
    const before = await fingerprint(join(temp.dataDir, 'vault.kav'));
    const error = await openVault(temp.dataDir, PASSPHRASE, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsecureFileError);
    // The terminal names the file; an API answer (the message) never carries a path.
    expect((error as InsecureFileError).localDetail).toContain(path);
    expect((error as InsecureFileError).localDetail).toContain('0644');
    expect((error as Error).message).not.toContain(path);
    expect(await fingerprint(join(temp.dataDir, 'vault.kav'))).toEqual(before);
  });

  it('refuses a data directory other users can enter', async () => {
    await createVault(temp.dataDir, PASSPHRASE, options);
    await chmod(temp.dataDir, 0o755);
    await expect(openVault(temp.dataDir, PASSPHRASE, options)).rejects.toMatchObject({ localDetail: expect.stringContaining(temp.dataDir) });
    await expect(ensureDataDir(temp.dataDir)).rejects.toThrow(InsecureFileError);
  });

  it('refuses a file owned by another uid', async () => {
    await createVault(temp.dataDir, PASSPHRASE, options);
    const path = join(temp.dataDir, 'vault.kav');
    const otherUid = (process.getuid?.() ?? 0) + 1;
    await expect(assertPrivateFile(path, { uid: otherUid })).rejects.toMatchObject({ localDetail: expect.stringMatching(new RegExp(`${path} is owned by uid`)) });
    await expect(assertPrivateFile(path)).resolves.toBeUndefined();
  });

  it('creates missing parents of the data directory and leaves an existing private one alone', async () => {
    const nested = join(temp.root, 'a', 'b', 'keyaudit');
    await ensureDataDir(nested);
    expect(await modeOf(nested)).toBe(0o700);
    await mkdir(join(temp.root, 'existing'), { mode: 0o700 });
    await expect(ensureDataDir(join(temp.root, 'existing'))).resolves.toBeUndefined();
  });
});
