import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { redact } from '../secrets/redacted.ts';
import { createVault, openVault, vaultExists } from './open-vault.ts';
import { decryptVaultBytes } from './vault-file.ts';
import {
  ConnectionNotFoundError, DuplicateConnectionError, InvalidConnectionError, UnlockFailedError, VaultChangedError, VaultExistsError, VaultLockedError, WeakPassphraseError,
} from './vault-errors.ts';
import {
  CANARY_API_KEY, CANARY_API_PASSPHRASE, CANARY_SECRET, canaryConnection, FAST_KDF_ENV, fingerprint, makeTempDir, PASSPHRASE,
} from './vault-test-support.ts';

const options = { env: FAST_KDF_ENV };
let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => { temp = await makeTempDir(); });
afterEach(async () => { await temp.cleanup(); });
const vaultPath = () => join(temp.dataDir, 'vault.kav');

describe('vault', () => {
  it('returns stored connections after reopening, secrets wrapped in Redacted', async () => {
    const vault = await createVault(temp.dataDir, PASSPHRASE, options);
    const added = await vault.addConnection(canaryConnection({ baseUrl: 'http://127.0.0.1:9999' }));
    expect(added.id).toMatch(/^c_[0-9a-f]{8}$/);

    const reopened = await openVault(temp.dataDir, PASSPHRASE, options);
    const [connection] = await reopened.listConnections();
    expect(connection).toMatchObject({ id: added.id, exchange: 'kucoin', label: 'main account', baseUrl: 'http://127.0.0.1:9999' });
    expect(connection.credentials.apiKey).toBe(CANARY_API_KEY);
    expect(connection.credentials.secret.reveal()).toBe(CANARY_SECRET);
    expect(connection.credentials.passphrase?.reveal()).toBe(CANARY_API_PASSPHRASE);
    expect(JSON.stringify(await reopened.listConnections())).not.toContain(CANARY_SECRET);
    expect(reopened.generation).toBe(2);
  });

  it('round-trips with the production scrypt parameters (N=2^17, r=8, p=1)', async () => {
    const vault = await createVault(temp.dataDir, PASSPHRASE, { env: {} });
    await vault.addConnection(canaryConnection());
    const header = await readFile(vaultPath());
    expect([header.readUInt32LE(10), header.readUInt32LE(14), header.readUInt32LE(18)]).toEqual([17, 8, 1]);
    const reopened = await openVault(temp.dataDir, PASSPHRASE, { env: {} });
    expect((await reopened.listConnections())[0].credentials.secret.reveal()).toBe(CANARY_SECRET);
  });

  it('writes a new nonce and ciphertext on every save and never the plaintext secrets', async () => {
    const vault = await createVault(temp.dataDir, PASSPHRASE, options);
    const { id } = await vault.addConnection(canaryConnection());
    const first = await readFile(vaultPath());
    await vault.renameConnection(id, 'main account');
    const second = await readFile(vaultPath());
    expect(second.subarray(54, 66).equals(first.subarray(54, 66))).toBe(false);
    expect(second.subarray(66).equals(first.subarray(66))).toBe(false);
    expect(second.subarray(0, 54).equals(first.subarray(0, 54))).toBe(true); // same salt and params
    for (const bytes of [first, second, await readFile(`${vaultPath()}.bak`)]) {
      for (const canary of [CANARY_SECRET, CANARY_API_PASSPHRASE, CANARY_API_KEY, PASSPHRASE, 'main account']) {
        expect(bytes.includes(Buffer.from(canary))).toBe(false);
      }
    }
  });

  it('rejects a wrong passphrase without touching the file', async () => {
    const vault = await createVault(temp.dataDir, PASSPHRASE, options);
    await vault.addConnection(canaryConnection());
    const before = await fingerprint(vaultPath());
    const filesBefore = await readdir(temp.dataDir);
    const attempt = openVault(temp.dataDir, 'wrong passphrase!', options);
    await expect(attempt).rejects.toThrow(UnlockFailedError);
    await expect(attempt).rejects.toThrow('Wrong passphrase or damaged vault.');
    expect(await fingerprint(vaultPath())).toEqual(before);
    expect(await readdir(temp.dataDir)).toEqual(filesBefore);
  });

  it('keeps the previous save as vault.kav.bak, which still opens after vault.kav is corrupted', async () => {
    const vault = await createVault(temp.dataDir, PASSPHRASE, options);
    await vault.addConnection(canaryConnection({ label: 'first' }));
    await vault.addConnection(canaryConnection({ label: 'second', apiKey: 'OTHERKEY0000111122223333' }));
    const bak = await fingerprint(`${vaultPath()}.bak`);
    const bytes = await readFile(vaultPath());
    bytes[bytes.length - 20] ^= 0x01;
    await writeFile(vaultPath(), bytes);

    await expect(openVault(temp.dataDir, PASSPHRASE, options)).rejects.toThrow(UnlockFailedError);
    expect(await fingerprint(`${vaultPath()}.bak`)).toEqual(bak);
    const { content } = await decryptVaultBytes(await readFile(`${vaultPath()}.bak`), PASSPHRASE, options);
    expect(content.connections.map((c) => c.label)).toEqual(['first']);
  });

  it('changes the passphrase under a new salt; the old one stops working', async () => {
    const vault = await createVault(temp.dataDir, PASSPHRASE, options);
    await vault.addConnection(canaryConnection());
    const saltBefore = (await readFile(vaultPath())).subarray(22, 54);
    await vault.changePassphrase('a brand new passphrase');
    expect((await readFile(vaultPath())).subarray(22, 54).equals(saltBefore)).toBe(false);
    await expect(openVault(temp.dataDir, PASSPHRASE, options)).rejects.toThrow(UnlockFailedError);
    const reopened = await openVault(temp.dataDir, 'a brand new passphrase', options);
    expect(await reopened.listConnections()).toHaveLength(1);
    await expect(vault.changePassphrase('short')).rejects.toThrow(WeakPassphraseError);
  });

  it('after a passphrase change, vault.kav.bak no longer opens with the old passphrase', async () => {
    const vault = await createVault(temp.dataDir, PASSPHRASE, options);
    await vault.addConnection(canaryConnection());
    await vault.renameConnection((await vault.listConnections())[0].id, 'renamed'); // a .bak under the old passphrase
    await expect(decryptVaultBytes(await readFile(`${vaultPath()}.bak`), PASSPHRASE, options)).resolves.toBeTruthy();
    await vault.changePassphrase('a brand new passphrase');
    await expect(decryptVaultBytes(await readFile(`${vaultPath()}.bak`), PASSPHRASE, options)).rejects.toThrow(UnlockFailedError);
    const { content } = await decryptVaultBytes(await readFile(`${vaultPath()}.bak`), 'a brand new passphrase', options);
    expect(content.connections.map((c) => c.label)).toEqual(['renamed']);
  });

  it('after a removal, vault.kav.bak no longer holds the removed secret', async () => {
    const vault = await createVault(temp.dataDir, PASSPHRASE, options);
    const removed = await vault.addConnection(canaryConnection({ label: 'to remove' }));
    await vault.addConnection(canaryConnection({ label: 'kept', exchange: 'binance', passphrase: undefined, apiKey: 'BKEY000011112222', secret: redact('kept-secret') }));
    await vault.removeConnection(removed.id);
    const { content } = await decryptVaultBytes(await readFile(`${vaultPath()}.bak`), PASSPHRASE, options);
    expect(content.connections.map((c) => c.label)).toEqual(['kept']);
    expect(JSON.stringify(content)).not.toContain(CANARY_SECRET);
  });

  it('persists renames and removals, and reports unknown ids', async () => {
    const vault = await createVault(temp.dataDir, PASSPHRASE, options);
    const a = await vault.addConnection(canaryConnection({ label: 'a' }));
    const b = await vault.addConnection(canaryConnection({ label: 'b', exchange: 'binance', passphrase: undefined, apiKey: 'BKEY000011112222' }));
    await vault.renameConnection(a.id, '  renamed  ');
    expect(await vault.removeConnection(b.id)).toMatchObject({ id: b.id, label: 'b' });
    const reopened = await openVault(temp.dataDir, PASSPHRASE, options);
    expect((await reopened.listConnections()).map((c) => [c.id, c.label])).toEqual([[a.id, 'renamed']]);
    await expect(reopened.removeConnection('c_00000000')).rejects.toThrow(ConnectionNotFoundError);
  });

  it('refuses bad input with messages that never echo the value', async () => {
    const vault = await createVault(temp.dataDir, PASSPHRASE, options);
    const cases = [
      canaryConnection({ exchange: 'mtgox' }),
      canaryConnection({ baseUrl: 'http://example.com' }),
      canaryConnection({ label: 'bad\u0007label' }),
      canaryConnection({ secret: redact('') }),
    ];
    for (const input of cases) {
      const error = await vault.addConnection(input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidConnectionError);
      expect(String((error as Error).message)).not.toMatch(/mtgox|example\.com|bad.label/);
    }
    await vault.addConnection(canaryConnection());
    await expect(vault.addConnection(canaryConnection({ label: 'again' }))).rejects.toThrow(/already stored/);
    expect(vault.generation).toBe(2);
  });

  it('refuses to create over an existing vault, or with a short passphrase', async () => {
    await expect(createVault(temp.dataDir, 'short', options)).rejects.toThrow(WeakPassphraseError);
    expect(vaultExists(temp.dataDir)).toBe(false);
    await createVault(temp.dataDir, PASSPHRASE, options);
    expect(vaultExists(temp.dataDir)).toBe(true);
    await expect(createVault(temp.dataDir, PASSPHRASE, options)).rejects.toThrow(VaultExistsError);
  });

  it('serialises concurrent mutations so none is lost', async () => {
    const vault = await createVault(temp.dataDir, PASSPHRASE, options);
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => vault.addConnection(canaryConnection({ label: `k${i}`, apiKey: `KEY${i}0000000000` }))),
    );
    const reopened = await openVault(temp.dataDir, PASSPHRASE, options);
    expect((await reopened.listConnections()).map((c) => c.label).sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    expect(reopened.generation).toBe(6);
  });

  it('wipes the key on lock and refuses further use', async () => {
    const derive = vi.fn(async () => Buffer.alloc(32, 7));
    const vault = await createVault(temp.dataDir, PASSPHRASE, { ...options, deriveKey: derive });
    const key = await derive.mock.results[0].value;
    vault.lock();
    expect(key.equals(Buffer.alloc(32))).toBe(true);
    await expect(vault.listConnections()).rejects.toThrow(VaultLockedError);
    await expect(vault.addConnection(canaryConnection())).rejects.toThrow(VaultLockedError);
  });

  it('never overwrites a save made by another process: it re-reads and applies its change on top', async () => {
    await createVault(temp.dataDir, PASSPHRASE, options);
    const first = await openVault(temp.dataDir, PASSPHRASE, options);
    const second = await openVault(temp.dataDir, PASSPHRASE, options);
    await second.addConnection(canaryConnection({ label: 'from second' }));
    expect((await first.listConnections()).map((c) => c.label)).toEqual(['from second']);
    await first.addConnection(canaryConnection({ label: 'from first', apiKey: 'FIRSTKEY00001111' }));
    // The same key added twice from two processes is still refused, against the state on disk.
    await expect(second.addConnection(canaryConnection({ label: 'again', apiKey: 'FIRSTKEY00001111' }))).rejects.toThrow(DuplicateConnectionError);
    const reopened = await openVault(temp.dataDir, PASSPHRASE, options);
    expect((await reopened.listConnections()).map((c) => c.label)).toEqual(['from second', 'from first']);
  });

  it('refuses a vault whose passphrase was changed by another process, or a file damaged since unlock', async () => {
    await createVault(temp.dataDir, PASSPHRASE, options);
    const first = await openVault(temp.dataDir, PASSPHRASE, options);
    await first.addConnection(canaryConnection({ label: 'kept' }));
    const second = await openVault(temp.dataDir, PASSPHRASE, options);
    await second.changePassphrase('a brand new passphrase');
    await expect(first.renameConnection((await second.listConnections())[0].id, 'x')).rejects.toThrow(VaultChangedError);
    const reopened = await openVault(temp.dataDir, 'a brand new passphrase', options);
    expect((await reopened.listConnections()).map((c) => c.label)).toEqual(['kept']);

    const [kept] = await reopened.listConnections();
    const bak = await fingerprint(`${vaultPath()}.bak`);
    const bytes = await readFile(vaultPath());
    bytes[100] ^= 0x80;
    await writeFile(vaultPath(), bytes);
    await expect(reopened.renameConnection(kept.id, 'x')).rejects.toThrow(VaultChangedError);
    await expect(reopened.listConnections()).rejects.toThrow(VaultChangedError);
    expect(await fingerprint(`${vaultPath()}.bak`)).toEqual(bak);
  });
});
