import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openVault } from '../vault/open-vault.ts';
import { FAST_KDF_ENV, makeTempDir, PASSPHRASE } from '../vault/vault-test-support.ts';
import { runKeyaudit, writePrivateFile } from './cli-test-support.ts';

// docs/security-model.md#anchor-and-recovery: a crash at "after-vault-before-audit".
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let passphraseFile: string;
beforeEach(async () => {
  temp = await makeTempDir();
  passphraseFile = await writePrivateFile(temp.root, 'passphrase', PASSPHRASE);
});
afterEach(async () => { await temp.cleanup(); });

const credentials = (n: number) => JSON.stringify({ apiKey: `BINANCEKEY${n}000111122223333`, secret: `secret-${n}` });

describe('crash between the vault save and the action-log append', { timeout: 120_000 }, () => {
  it('keeps the new connection, and the next command re-appends the anchored entry so verify passes', async () => {
    const options = { home: temp.dataDir, passphraseFile };
    expect((await runKeyaudit(['add', 'binance', '--label', 'first', '--no-test'], { ...options, stdin: credentials(1) })).code).toBe(0);

    const crashed = await runKeyaudit(['add', 'binance', '--label', 'second', '--no-test'], {
      ...options,
      stdin: credentials(2),
      env: { KEYAUDIT_CRASH_AT: 'after-vault-before-audit' },
    });
    expect(crashed.signal).toBe('SIGKILL');
    const vault = await openVault(temp.dataDir, PASSPHRASE, { env: FAST_KDF_ENV });
    expect((await vault.listConnections()).map((c) => c.label)).toEqual(['first', 'second']);
    const logPath = join(temp.dataDir, 'actions.log');
    expect((await readFile(logPath, 'utf8')).trim().split('\n')).toHaveLength(1);

    const verified = await runKeyaudit(['log', 'verify'], options);
    expect(verified.stderr).toContain('Recovered the last action-log entry');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('Action log intact: 2 entries');
    expect((await readFile(logPath, 'utf8')).trim().split('\n').at(-1)).toBe(vault.actionLogHead?.line);
  });
});
