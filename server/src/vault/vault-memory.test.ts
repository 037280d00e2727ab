/**
 * After the vault locks, no API secret may be left readable in the process's memory: a heap snapshot of a process
 * that unlocked, signed requests, then locked holds none of them in any encoding (raw, hex, base64).
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVault } from './open-vault.ts';
import { CANARY_API_PASSPHRASE, CANARY_SECRET, canaryConnection, FAST_KDF_ENV, makeTempDir, PASSPHRASE } from './vault-test-support.ts';

const CHILD = fileURLToPath(new URL('./vault-memory-child.ts', import.meta.url));
let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => { temp = await makeTempDir(); });
afterEach(() => temp.cleanup());

function runChild(snapshotPath: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, temp.dataDir, snapshotPath], {
    env: { ...process.env, ...FAST_KDF_ENV },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end(PASSPHRASE);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('secrets in memory after the vault locks', () => {
  it('are wiped: a heap snapshot holds none of them, and held references can no longer sign', async () => {
    const vault = await createVault(temp.dataDir, PASSPHRASE, { env: FAST_KDF_ENV });
    await vault.addConnection(canaryConnection());
    const snapshotPath = join(temp.root, 'after-lock.heapsnapshot');

    const result = await runChild(snapshotPath);
    expect(result.code, result.stderr).toBe(0);
    const { signedHeaders, stillUsable } = JSON.parse(result.stdout) as { signedHeaders: number; stillUsable: number };
    expect(signedHeaders).toBeGreaterThan(0); // the secrets really were used before the lock
    expect(stillUsable).toBe(0);

    const snapshot = await readFile(snapshotPath, 'utf8');
    expect(snapshot.length).toBeGreaterThan(1_000_000);
    for (const canary of [CANARY_SECRET, CANARY_API_PASSPHRASE]) {
      for (const encoded of [canary, Buffer.from(canary).toString('hex'), Buffer.from(canary).toString('base64').replace(/=+$/, '')]) {
        expect(snapshot.includes(encoded), `${canary} as ${encoded}`).toBe(false);
      }
    }
  }, 60_000);
});
