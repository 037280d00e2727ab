import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createVault, openVault } from './open-vault.ts';
import { UnlockFailedError, WeakKdfRefusedError } from './vault-errors.ts';
import { deriveScryptKey } from './vault-kdf.ts';
import { FAST_KDF_ENV, makeTempDir, PASSPHRASE } from './vault-test-support.ts';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => { temp = await makeTempDir(); });
afterEach(async () => { await temp.cleanup(); });

describe('test-only fast KDF', () => {
  it('is used when NODE_ENV=test and KEYAUDIT_TEST_FAST_KDF=1', async () => {
    await createVault(temp.dataDir, PASSPHRASE, { env: FAST_KDF_ENV });
    expect((await readFile(join(temp.dataDir, 'vault.kav'))).readUInt32LE(10)).toBe(10);
  });

  it.each([
    ['NODE_ENV unset', { KEYAUDIT_TEST_FAST_KDF: '1' }],
    ['NODE_ENV=production', { NODE_ENV: 'production', KEYAUDIT_TEST_FAST_KDF: '1' }],
    ['NODE_ENV=development', { NODE_ENV: 'development', KEYAUDIT_TEST_FAST_KDF: '1' }],
  ])('is refused on create with %s, before anything is written', async (_name, env) => {
    const derive = vi.fn(deriveScryptKey);
    await expect(createVault(temp.dataDir, PASSPHRASE, { env, deriveKey: derive })).rejects.toThrow(WeakKdfRefusedError);
    expect(derive).not.toHaveBeenCalled();
    expect(existsSync(join(temp.dataDir, 'vault.kav'))).toBe(false);
  });

  it.each([
    ['NODE_ENV unset', { KEYAUDIT_TEST_FAST_KDF: '1' }],
    ['NODE_ENV=production', { NODE_ENV: 'production', KEYAUDIT_TEST_FAST_KDF: '1' }],
    ['NODE_ENV=test without the opt-in', { NODE_ENV: 'test' }],
  ])('a vault whose header says log2N=10 is refused on open with %s, without deriving', async (_name, env) => {
    await createVault(temp.dataDir, PASSPHRASE, { env: FAST_KDF_ENV });
    const derive = vi.fn(deriveScryptKey);
    await expect(openVault(temp.dataDir, PASSPHRASE, { env, deriveKey: derive })).rejects.toThrow(UnlockFailedError);
    expect(derive).not.toHaveBeenCalled();
  });
});

describe('deriveScryptKey', () => {
  it('normalises the passphrase to NFC, so composed and decomposed input unlock alike', async () => {
    const salt = Buffer.alloc(32, 1);
    const params = { log2N: 10, r: 8, p: 1 };
    const composed = await deriveScryptKey('caf\u00e9 passphrase', salt, params);
    const decomposed = await deriveScryptKey('cafe\u0301 passphrase', salt, params);
    expect(composed.equals(decomposed)).toBe(true);
    expect(composed).toHaveLength(32);
  });
});
