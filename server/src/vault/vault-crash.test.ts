import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type CrashPoint } from './crash-point.ts';
import { createVault, openVault } from './open-vault.ts';
import { decryptVaultBytes } from './vault-file.ts';
import { canaryConnection, FAST_KDF_ENV, makeTempDir, PASSPHRASE } from './vault-test-support.ts';

// docs/security-model.md#crash-safe-saves: a SIGKILL anywhere in a save leaves the old or the new vault.
const CHILD = fileURLToPath(new URL('./vault-crash-child.ts', import.meta.url));

function startChild(mode: 'once' | 'loop', dataDir: string, extraEnv: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, dataDir], {
    env: { ...process.env, ...FAST_KDF_ENV, ...extraEnv },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end(PASSPHRASE);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  const printed = (text: string) =>
    new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => { if (stdout.includes(text)) resolve(); });
      void exited.then(() => reject(new Error(`child exited before printing ${text}: ${stderr}`)));
    });
  return { child, exited, printed };
}

const tmpFiles = async (dir: string) => (await readdir(dir)).filter((name) => name.includes('.tmp-'));

async function vaultWithOneConnection(label: string) {
  const temp = await makeTempDir();
  const vault = await createVault(temp.dataDir, PASSPHRASE, { env: FAST_KDF_ENV });
  await vault.addConnection(canaryConnection({ label }));
  return { temp, generation: vault.generation };
}

describe('crash during save', () => {
  const points: [CrashPoint, 'old' | 'new'][] = [
    ['after-tmp-open', 'old'],
    ['after-write', 'old'],
    ['after-fsync', 'old'],
    ['after-rename', 'new'],
    ['before-dir-fsync', 'new'],
  ];

  it('leaves the old or the new vault and no temp file, for every crash point', async () => {
    await Promise.all(
      points.map(async ([point, expected]) => {
        const { temp } = await vaultWithOneConnection('old');
        try {
          const { exited } = startChild('once', temp.dataDir, { KEYAUDIT_CRASH_AT: point });
          const result = await exited;
          expect(result.signal, `${point}: ${result.stderr}`).toBe('SIGKILL');
          expect(result.stdout).not.toContain('saved');
          if (expected === 'old') expect(await tmpFiles(temp.dataDir), point).not.toEqual([]);

          const reopened = await openVault(temp.dataDir, PASSPHRASE, { env: FAST_KDF_ENV });
          const labels = (await reopened.listConnections()).map((c) => c.label);
          expect(labels, point).toEqual(expected === 'old' ? ['old'] : ['old', 'new']);
          expect(await tmpFiles(temp.dataDir), point).toEqual([]);
        } finally {
          await temp.cleanup();
        }
      }),
    );
  });

  it('completes the save when no crash point is set (control)', async () => {
    const { temp } = await vaultWithOneConnection('old');
    try {
      const result = await startChild('once', temp.dataDir).exited;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('saved');
      const reopened = await openVault(temp.dataDir, PASSPHRASE, { env: FAST_KDF_ENV });
      expect((await reopened.listConnections()).map((c) => c.label)).toEqual(['old', 'new']);
    } finally {
      await temp.cleanup();
    }
  });

  it('stays consistent when killed at random moments while saving in a loop', async () => {
    const { temp, generation: startGeneration } = await vaultWithOneConnection('gen-0');
    try {
      for (let iteration = 0; iteration < 15; iteration++) {
        const { child, exited, printed } = startChild('loop', temp.dataDir);
        await printed('ready');
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 300));
        child.kill('SIGKILL');
        await exited;

        const reopened = await openVault(temp.dataDir, PASSPHRASE, { env: FAST_KDF_ENV });
        const [connection] = await reopened.listConnections();
        // Each save is one rename and one generation, so the label and generation must agree.
        expect(connection.label).toBe(`gen-${reopened.generation - startGeneration}`);
        expect(await tmpFiles(temp.dataDir)).toEqual([]);
        const backup = await decryptVaultBytes(await readFile(join(temp.dataDir, 'vault.kav.bak')), PASSPHRASE, { env: FAST_KDF_ENV });
        expect(backup.content.generation).toBeLessThanOrEqual(reopened.generation);
      }
    } finally {
      await temp.cleanup();
    }
  }, 60_000);
});
