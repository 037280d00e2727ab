import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openVault } from '../vault/open-vault.ts';
import { CANARY_API_KEY, CANARY_API_PASSPHRASE, CANARY_SECRET, FAST_KDF_ENV, makeTempDir, PASSPHRASE } from '../vault/vault-test-support.ts';
import { runKeyaudit, writePrivateFile, type CliRun } from './cli-test-support.ts';

// Spawns the real CLI. Every run's output is kept and scanned for the canaries at the end of each test.
const CREDENTIALS = JSON.stringify({ apiKey: CANARY_API_KEY, secret: CANARY_SECRET, passphrase: CANARY_API_PASSPHRASE });
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let passphraseFile: string;
let runs: CliRun[];
const home = () => temp.dataDir;
async function keyaudit(args: string[], options: { stdin?: string; env?: Record<string, string>; detached?: boolean } = {}) {
  const run = await runKeyaudit(args, { home: home(), passphraseFile, ...options });
  runs.push(run);
  return run;
}

beforeEach(async () => {
  temp = await makeTempDir();
  passphraseFile = await writePrivateFile(temp.root, 'passphrase', `${PASSPHRASE}\n`);
  runs = [];
});
afterEach(async () => {
  // docs/security-model.md#write-only-secrets and #logs: no run ever prints a secret or the full API key (only its first and last 4).
  for (const run of runs) {
    for (const canary of [CANARY_SECRET, CANARY_API_PASSPHRASE, PASSPHRASE, CANARY_API_KEY.slice(4, -4)]) {
      expect(run.stdout + run.stderr).not.toContain(canary);
    }
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack traces
  }
  await temp.cleanup();
});

// Each test spawns the real CLI several times; on a busy 2-core machine (the 50-process concurrency test may run
// beside it) a spawn can take seconds, and these tests measure behaviour, not speed.
describe('keyaudit CLI', { timeout: 120_000 }, () => {
  it('adds from stdin JSON and lists the masked key; secrets reach only the encrypted vault', async () => {
    const added = await keyaudit(['add', 'kucoin', '--label', 'main account', '--no-test'], { stdin: CREDENTIALS });
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/^Added c_[0-9a-f]{8}: kucoin "main account", key KAKE…5678\.\n$/);

    const listed = await keyaudit(['list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/c_[0-9a-f]{8}\s+kucoin\s+main account\s+KAKE…5678/);

    expect((await stat(home())).mode & 0o777).toBe(0o700);
    for (const name of await readdir(home())) {
      expect((await stat(join(home(), name))).mode & 0o777).toBe(0o600);
      const bytes = await readFile(join(home(), name));
      for (const canary of [CANARY_SECRET, CANARY_API_PASSPHRASE, PASSPHRASE]) expect(bytes.includes(Buffer.from(canary)), name).toBe(false);
    }
    const log = await readFile(join(home(), 'actions.log'), 'utf8');
    expect(log).toContain('"action":"connection.add"');
    expect(log).not.toContain(CANARY_API_KEY);
  });

  it('refuses secrets given as arguments and extra positional arguments, with exit 2 and no vault', async () => {
    for (const args of [
      ['add', 'kucoin', '--label', 'x', '--secret', CANARY_SECRET, '--no-test'],
      ['add', 'kucoin', '--label', 'x', `--api-key=${CANARY_API_KEY}`, '--no-test'],
      ['add', 'kucoin', CANARY_SECRET, '--label', 'x'],
    ]) {
      const run = await keyaudit(args, { stdin: CREDENTIALS });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('usage: keyaudit add');
    }
    expect(runs[0].stderr).toContain('never accepted as arguments');
    await expect(stat(join(home(), 'vault.kav'))).rejects.toThrow();
  });

  it('requires the key passphrase for KuCoin and reports bad JSON without echoing it', async () => {
    const noPassphrase = await keyaudit(['add', 'kucoin', '--label', 'x', '--no-test'], { stdin: JSON.stringify({ apiKey: CANARY_API_KEY, secret: CANARY_SECRET }) });
    expect(noPassphrase.code).toBe(1);
    expect(noPassphrase.stderr).toBe('keyaudit: KuCoin API keys need "passphrase" (API passphrase).\n');
    const badJson = await keyaudit(['add', 'binance', '--label', 'x', '--no-test'], { stdin: `{"secret": "${CANARY_SECRET}"` });
    expect(badJson.code).toBe(1);
    expect(badJson.stderr.split('\n')).toHaveLength(2); // one line
  });

  it('removes and renames connections, logging each change', async () => {
    await keyaudit(['add', 'kucoin', '--label', 'main', '--no-test'], { stdin: CREDENTIALS });
    await keyaudit(['add', 'binance', '--label', 'other', '--no-test'], { stdin: JSON.stringify({ apiKey: 'BINANCEKEY0000111122', secret: 's3cr3t-binance' }) });
    const id = /c_[0-9a-f]{8}/.exec((await keyaudit(['list'])).stdout.split('\n').find((l) => l.includes('main'))!)![0];

    expect((await keyaudit(['rename', id, '--label', 'renamed'])).code).toBe(0);
    const removed = await keyaudit(['remove', id]);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('still works on KuCoin');
    const listed = await keyaudit(['list', '--json']);
    expect(JSON.parse(listed.stdout).map((c: { label: string }) => c.label)).toEqual(['other']);
    expect((await keyaudit(['remove', id])).stderr).toBe(`keyaudit: No connection with id "${id}".\n`);

    const actions = (await readFile(join(home(), 'actions.log'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l).action);
    expect(actions).toEqual(['connection.add', 'connection.add', 'connection.rename', 'connection.remove']);
  });

  it('changes the passphrase: the old one stops working, the new one opens the vault', async () => {
    await keyaudit(['add', 'kucoin', '--label', 'main', '--no-test'], { stdin: CREDENTIALS });
    const newFile = await writePrivateFile(temp.root, 'new-passphrase', 'another long passphrase\n');
    const changed = await keyaudit(['passwd'], { env: { KEYAUDIT_NEW_PASSPHRASE_FILE: newFile } });
    expect(changed.code, changed.stderr).toBe(0);

    const old = await keyaudit(['list']);
    expect(old.code).toBe(1);
    expect(old.stderr).toBe('keyaudit: Wrong passphrase or damaged vault.\n');
    const vault = await openVault(home(), 'another long passphrase', { env: FAST_KDF_ENV });
    expect(await vault.listConnections()).toHaveLength(1);
    expect(vault.actionLogHead?.line).toContain('"vault.passwd"');
    // The log's MAC key is kept across passwd: entries MACed under the old passphrase still verify.
    const verified = await keyaudit(['log', 'verify'], { env: { KEYAUDIT_PASSPHRASE_FILE: newFile } });
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toContain('Action log intact: 2 entries, hash chain and every MAC check out');
  });

  it('refuses to import a config file other users can read, then imports a private one', async () => {
    const config = JSON.stringify({ connections: [{ exchange: 'kucoin', label: 'old', apiKey: CANARY_API_KEY, secret: CANARY_SECRET, passphrase: CANARY_API_PASSPHRASE }] });
    const file = await writePrivateFile(temp.root, 'keyaudit.config.json', config, 0o644);
    await chmod(file, 0o644);
    const refused = await keyaudit(['import', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(file);
    expect(refused.stderr).toContain('0644');
    await expect(stat(join(home(), 'vault.kav'))).rejects.toThrow();

    await chmod(file, 0o600);
    const imported = await keyaudit(['import', file]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('Imported 1 connection(s).');
    expect(imported.stdout).toContain(`shred -u '${file}'`);
    const again = await keyaudit(['import', file]);
    expect(again.stderr).toContain('already stored');
    expect(again.stdout).toContain('Imported 0 connection(s).');
  });

  it('verifies the action log: exit 0 when intact, exit 1 naming the first bad seq', async () => {
    for (const label of ['a', 'b', 'c']) {
      await keyaudit(['add', 'binance', '--label', label, '--no-test'], { stdin: JSON.stringify({ apiKey: `KEY${label}0000111122223333`, secret: 'x-secret' }) });
    }
    const intact = await keyaudit(['log', 'verify']);
    expect(intact.code).toBe(0);
    const path = join(home(), 'actions.log');
    const third = (await readFile(path, 'utf8')).trimEnd().split('\n')[2];
    const headHash = createHash('sha256').update(third).digest('hex');
    expect(intact.stdout).toBe(
      'Action log intact: 3 entries, hash chain and every MAC check out, head (seq 3) matches the vault.\n' +
        `Head: seq 3 sha256 ${headHash} (write it down off this machine to compare later).\n`,
    );
    // Without the passphrase: says what it could not check.
    const chainOnly = await keyaudit(['log', 'verify', '--chain-only']);
    expect(chainOnly.code).toBe(0);
    expect(chainOnly.stdout).toContain('Hash chain intact: 3 entries.');
    expect(chainOnly.stdout).toContain('Not checked without the vault passphrase: the MACs and the head anchored in the vault.');
    expect(chainOnly.stdout).toContain(headHash);

    await writeFile(path, (await readFile(path, 'utf8')).replace('"label":"b"', '"label":"B"'));
    const tampered = await keyaudit(['log', 'verify']);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain('Action log damaged at seq 2');
  });

  it('refuses a passphrase file or vault other users can read, and fails cleanly without any passphrase source', async () => {
    await keyaudit(['add', 'binance', '--label', 'x', '--no-test'], { stdin: JSON.stringify({ apiKey: 'KEYX0000111122223333', secret: 'x-secret' }) });
    await chmod(passphraseFile, 0o644);
    const loose = await keyaudit(['list']);
    expect(loose.code).toBe(1);
    expect(loose.stderr).toContain(passphraseFile);

    await chmod(passphraseFile, 0o600);
    await chmod(join(home(), 'vault.kav'), 0o644);
    const looseVault = await keyaudit(['list']);
    expect(looseVault.code).toBe(1);
    expect(looseVault.stderr).toContain(`${join(home(), 'vault.kav')} is accessible by other users (mode 0644)`);
    await chmod(join(home(), 'vault.kav'), 0o600);

    passphraseFile = '';
    const noSource = await keyaudit(['list'], { detached: true });
    expect(noSource.code).toBe(1);
    expect(noSource.stderr).toContain('KEYAUDIT_PASSPHRASE_FILE');
  });

  it('answers usage errors with exit 2', async () => {
    expect((await keyaudit([])).code).toBe(2);
    expect((await keyaudit(['frobnicate'])).code).toBe(2);
    expect((await keyaudit(['add', 'mtgox', '--label', 'x', '--no-test'])).code).toBe(2);
    const help = await keyaudit(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('keyaudit log verify');
  });

  it("prints one command's usage and summary for --help, -h or `help <command>`, exit 0, running nothing", async () => {
    for (const args of [['revoke', '--help'], ['revoke', 'abc', '-h'], ['help', 'revoke'], ['log', 'verify', '--help']]) {
      const run = await keyaudit(args);
      expect(run.code, args.join(' ')).toBe(0);
      expect(run.stderr, args.join(' ')).toBe('');
      expect(run.stdout, args.join(' ')).toMatch(args.includes('log') ? /^usage: keyaudit log verify \[--chain-only\]\n\nCheck the action log/ : /^usage: keyaudit revoke <apiKey> \[--demo\]\n\nRevoke one key/);
    }
    // No vault was needed, none was made.
    expect(await readdir(home()).catch(() => [])).toEqual([]);
    expect((await keyaudit(['help', 'frobnicate'])).code).toBe(2);
  });
});
