import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openVault, vaultExists } from '../vault/open-vault.ts';
import { CANARY_SECRET, FAST_KDF_ENV, makeTempDir, PASSPHRASE } from '../vault/vault-test-support.ts';
import { fakeCliContext } from './cli-test-support.ts';
import { runCli } from './run-cli.ts';

// In-process runs with a fake terminal: the interactive paths that a spawned test cannot type into.
let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => { temp = await makeTempDir(); });
afterEach(async () => { await temp.cleanup(); });

describe('interactive prompts', () => {
  it('creates the vault with a passphrase asked twice, then asks for the credentials, hiding the secret', async () => {
    const { ctx, out } = fakeCliContext({ dataDir: temp.dataDir, answers: [PASSPHRASE, PASSPHRASE, 'GATEKEY000011112222', CANARY_SECRET] });
    expect(await runCli(['add', 'gate', '--label', 'gate main'], ctx)).toBe(0);
    expect(out.prompts).toEqual([
      { question: 'New vault passphrase: ', hidden: true },
      { question: 'Repeat the new passphrase: ', hidden: true },
      { question: 'API key: ', hidden: false },
      { question: 'API secret (not shown): ', hidden: true },
    ]);
    const vault = await openVault(temp.dataDir, PASSPHRASE, { env: FAST_KDF_ENV });
    expect((await vault.listConnections())[0].credentials.secret.reveal()).toBe(CANARY_SECRET);
    expect(out.stdout + out.stderr).not.toContain(CANARY_SECRET);
  });

  it('asks for the API passphrase only where the exchange has one', async () => {
    const { ctx, out } = fakeCliContext({ dataDir: temp.dataDir, answers: [PASSPHRASE, PASSPHRASE, 'OKXKEY000011112222', 's', 'p'] });
    expect(await runCli(['add', 'okx', '--label', 'okx'], ctx)).toBe(0);
    expect(out.prompts.at(-1)).toEqual({ question: 'API passphrase (not shown): ', hidden: true });
  });

  it('refuses differing new passphrases and short ones, creating nothing', async () => {
    const differing = fakeCliContext({ dataDir: temp.dataDir, answers: [PASSPHRASE, `${PASSPHRASE}!`] });
    expect(await runCli(['add', 'gate', '--label', 'x'], differing.ctx)).toBe(1);
    expect(differing.out.stderr).toContain('keyaudit: The two passphrases differ; nothing was changed.\n');
    expect(vaultExists(temp.dataDir)).toBe(false);
    const short = fakeCliContext({ dataDir: temp.dataDir, answers: ['short'] });
    expect(await runCli(['add', 'gate', '--label', 'x'], short.ctx)).toBe(1);
    expect(short.out.stderr).toContain('at least 8 characters');
    expect(short.out.prompts).toHaveLength(1); // strength is checked before asking again
    expect(vaultExists(temp.dataDir)).toBe(false);
  });

  it('reads piped credentials before creating a vault, so bad JSON creates nothing', async () => {
    const { ctx, out } = fakeCliContext({ dataDir: temp.dataDir, stdin: '{"apiKey": 1}', answers: [PASSPHRASE, PASSPHRASE] });
    expect(await runCli(['add', 'gate', '--label', 'x'], ctx)).toBe(1);
    expect(out.prompts).toEqual([]);
    expect(vaultExists(temp.dataDir)).toBe(false);
  });
});
