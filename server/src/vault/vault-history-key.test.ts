import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createVault, openVault } from './open-vault.ts';
import { decryptVaultBytes } from './vault-file.ts';
import { canaryConnection, FAST_KDF_ENV, makeTempDir, PASSPHRASE } from './vault-test-support.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

describe('the history key kept in the vault', () => {
  it('is absent from an older vault, which still opens, then created once and kept by every later save and handle', async () => {
    const temp = await makeTempDir();
    cleanups.push(temp.cleanup);
    const vault = await createVault(temp.dataDir, PASSPHRASE, { env: FAST_KDF_ENV });
    await vault.addConnection(canaryConnection());
    const stored = async () => (await decryptVaultBytes(await readFile(join(temp.dataDir, 'vault.kav')), PASSPHRASE, { env: FAST_KDF_ENV })).content;
    expect((await stored()).historyKey).toBeUndefined();

    const other = await openVault(temp.dataDir, PASSPHRASE, { env: FAST_KDF_ENV }); // another process, opened before the key exists
    const key = await vault.historyKey();
    expect(key).toHaveLength(32);
    expect(Buffer.from((await stored()).historyKey!, 'base64')).toEqual(key);
    expect(await vault.historyKey()).toEqual(key);
    expect(await other.historyKey()).toEqual(key);

    await other.renameConnection((await other.listConnections())[0].id, 'renamed');
    expect(Buffer.from((await stored()).historyKey!, 'base64')).toEqual(key);
    expect(await (await openVault(temp.dataDir, PASSPHRASE, { env: FAST_KDF_ENV })).historyKey()).toEqual(key);
  });

  it('two different vaults get different keys', async () => {
    const [a, b] = await Promise.all([makeTempDir(), makeTempDir()]);
    cleanups.push(a.cleanup, b.cleanup);
    const keyA = await (await createVault(a.dataDir, PASSPHRASE, { env: FAST_KDF_ENV })).historyKey();
    const keyB = await (await createVault(b.dataDir, PASSPHRASE, { env: FAST_KDF_ENV })).historyKey();
    expect(keyA.equals(keyB)).toBe(false);
  });
});
