import { createCipheriv, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createVault, openVault } from './open-vault.ts';
import { decryptWithKey, openGcm } from './vault-cipher.ts';
import { decryptVaultBytes } from './vault-file.ts';
import { UnlockFailedError } from './vault-errors.ts';
import { canaryConnection, FAST_KDF_ENV, fakeDeriveKey, fingerprint, makeTempDir, PASSPHRASE } from './vault-test-support.ts';

// docs/security-model.md#vault-format, #header-bounds and #corruption-fails-closed, attacked.
let temp: Awaited<ReturnType<typeof makeTempDir>>;
/** A vault whose header carries the production parameters (log2N 17, r 8, p 1); built with a fast fake KDF. */
let productionHeaderVault: Buffer;
beforeAll(async () => {
  temp = await makeTempDir();
  const vault = await createVault(temp.dataDir, PASSPHRASE, { env: {}, deriveKey: fakeDeriveKey });
  await vault.addConnection(canaryConnection());
  productionHeaderVault = await readFile(join(temp.dataDir, 'vault.kav'));
});
afterAll(async () => { await temp.cleanup(); });

async function openTampered(bytes: Buffer) {
  const path = join(temp.dataDir, 'vault.kav');
  await writeFile(path, bytes);
  const before = await fingerprint(path);
  const derive = vi.fn(fakeDeriveKey);
  const outcome = await openVault(temp.dataDir, PASSPHRASE, { env: {}, deriveKey: derive }).then(() => 'opened', (e: unknown) => e);
  expect(await fingerprint(path)).toEqual(before); // never rewritten or "repaired"
  return { outcome, deriveCalls: derive.mock.calls.length };
}

function withHeader(edit: (file: Buffer) => void): Buffer {
  const copy = Buffer.from(productionHeaderVault);
  edit(copy);
  return copy;
}

describe('vault header validation before the KDF', () => {
  it('opens the untampered file, calling the derive function once (positive control)', async () => {
    expect(await openTampered(productionHeaderVault)).toEqual({ outcome: 'opened', deriveCalls: 1 });
  });

  it.each([
    ['log2N 16 (downgrade)', (f: Buffer) => f.writeUInt32LE(16, 10)],
    ['log2N 21 (memory DoS)', (f: Buffer) => f.writeUInt32LE(21, 10)],
    ['r = 4', (f: Buffer) => f.writeUInt32LE(4, 14)],
    ['p = 16', (f: Buffer) => f.writeUInt32LE(16, 18)],
    ['KDF id 9', (f: Buffer) => f.writeUInt8(9, 9)],
    ['version 2', (f: Buffer) => f.writeUInt8(2, 8)],
    ['bad magic', (f: Buffer) => f.write('KEYAUDX', 0, 'latin1')],
  ])('rejects %s with zero derive calls', async (_name, edit) => {
    const { outcome, deriveCalls } = await openTampered(withHeader(edit));
    expect(outcome).toBeInstanceOf(UnlockFailedError);
    expect(deriveCalls).toBe(0);
  });

  it('rejects a 2 MiB file with zero derive calls', async () => {
    const big = Buffer.concat([productionHeaderVault, Buffer.alloc(2 * 2 ** 20 - productionHeaderVault.length)]);
    const { outcome, deriveCalls } = await openTampered(big);
    expect(outcome).toBeInstanceOf(UnlockFailedError);
    expect(deriveCalls).toBe(0);
  });

  it.each([0, 1, 65, 66, -17, -1])('rejects the file truncated at offset %i', async (offset) => {
    const end = offset < 0 ? productionHeaderVault.length + offset : offset;
    const { outcome } = await openTampered(productionHeaderVault.subarray(0, end));
    expect(outcome).toBeInstanceOf(UnlockFailedError);
  });

  it('rejects the file with one byte appended', async () => {
    const { outcome } = await openTampered(Buffer.concat([productionHeaderVault, Buffer.from([0])]));
    expect(outcome).toBeInstanceOf(UnlockFailedError);
  });

  it('rejects a file whose tag was cut to its first 4 bytes', async () => {
    const cut = productionHeaderVault.subarray(0, productionHeaderVault.length - 12);
    const { outcome } = await openTampered(cut);
    expect(outcome).toBeInstanceOf(UnlockFailedError);
  });
});

describe('AES-GCM tag handling (DEP0182)', () => {
  it('refuses a valid tag shortened to 4 bytes even when everything else matches', () => {
    const key = randomBytes(32);
    const nonce = randomBytes(12);
    const aad = Buffer.from('header');
    const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: 16 });
    cipher.setAAD(aad);
    const ciphertext = Buffer.concat([cipher.update('{"v":1}'), cipher.final()]);
    const tag = cipher.getAuthTag();
    expect(openGcm(key, nonce, aad, ciphertext, tag).toString()).toBe('{"v":1}');
    expect(() => openGcm(key, nonce, aad, ciphertext, tag.subarray(0, 4))).toThrow(UnlockFailedError);
  });
});

describe('bit flips', () => {
  it('fails closed for every single-bit flip of a small vault', async () => {
    const fast = await makeTempDir();
    try {
      const vault = await createVault(fast.dataDir, PASSPHRASE, { env: FAST_KDF_ENV });
      await vault.addConnection(canaryConnection({ label: 'a'.repeat(80) }));
      await vault.addConnection(canaryConnection({ apiKey: 'SECONDKEY00001111', label: 'b'.repeat(80) }));
      const file = await readFile(join(fast.dataDir, 'vault.kav'));
      const { vaultKey } = await decryptVaultBytes(file, PASSPHRASE, { env: FAST_KDF_ENV }); // derive once
      expect(file.length).toBeGreaterThan(550);
      expect(() => decryptWithKey(file, vaultKey.key, FAST_KDF_ENV)).not.toThrow();

      let rejected = 0;
      for (let bit = 0; bit < file.length * 8; bit++) {
        const flipped = Buffer.from(file);
        flipped[bit >> 3] ^= 1 << (bit & 7);
        try {
          decryptWithKey(flipped, vaultKey.key, FAST_KDF_ENV);
        } catch (error) {
          if (error instanceof UnlockFailedError) rejected++;
        }
      }
      expect(rejected).toBe(file.length * 8);
    } finally {
      await fast.cleanup();
    }
  });
});
