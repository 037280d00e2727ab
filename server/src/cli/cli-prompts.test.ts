import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXCHANGE_IDS } from '@contract/exchange-id.ts';
import { credentialFieldsOf } from '@contract/exchanges.ts';
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
    expect(await runCli(['add', 'gate', '--label', 'gate main', '--no-test'], ctx)).toBe(0);
    expect(out.prompts).toEqual([
      { question: 'New vault passphrase: ', hidden: true },
      { question: 'Repeat the new passphrase: ', hidden: true },
      { question: 'An APIv4 key: APIv2 keys do not work.\nAPI key: ', hidden: false },
      { question: 'API secret (not shown): ', hidden: true },
    ]);
    const vault = await openVault(temp.dataDir, PASSPHRASE, { env: FAST_KDF_ENV });
    expect((await vault.listConnections())[0].credentials.secret.reveal()).toBe(CANARY_SECRET);
    expect(out.stdout + out.stderr).not.toContain(CANARY_SECRET);
  });

  it('asks for the API passphrase only where the exchange has one', async () => {
    const { ctx, out } = fakeCliContext({ dataDir: temp.dataDir, answers: [PASSPHRASE, PASSPHRASE, 'OKXKEY000011112222', 's', 'p'] });
    expect(await runCli(['add', 'okx', '--label', 'okx', '--no-test'], ctx)).toBe(0);
    expect(out.prompts.at(-1)).toEqual({
      question: 'The passphrase you chose when creating this API key, not your login or trading password.\nPassphrase (not shown): ',
      hidden: true,
    });
  });

  it.each(EXCHANGE_IDS)("%s: asks for exactly the exchange table's credential fields, in its words, hiding the secret ones", async (exchange) => {
    const fields = credentialFieldsOf(exchange);
    // A field with a declared form (Coinbase's key name) is answered with the table's own example of it.
    const answers = fields.map((info) => info.format?.example ?? (info.field === 'apiKey' ? 'APIKEY000011112222' : `${info.field}-answer`));
    const { ctx, out } = fakeCliContext({ dataDir: temp.dataDir, answers: [PASSPHRASE, PASSPHRASE, ...answers] });
    expect(await runCli(['add', exchange, '--label', exchange, '--no-test'], ctx)).toBe(0);
    const asked = out.prompts.slice(2);
    expect(asked).toHaveLength(fields.length);
    asked.forEach((prompt, index) => {
      const { label, hint, isSecret } = fields[index]!;
      expect(prompt.question.endsWith(isSecret ? `${label} (not shown): ` : `${label}: `), prompt.question).toBe(true);
      expect(prompt.question.includes(hint ?? '\n')).toBe(hint !== undefined);
      expect(prompt.hidden).toBe(isSecret);
    });
    const stored = (await (await openVault(temp.dataDir, PASSPHRASE, { env: FAST_KDF_ENV })).listConnections())[0]!.credentials;
    expect(stored.passphrase?.reveal()).toBe(fields.some((info) => info.field === 'passphrase') ? 'passphrase-answer' : undefined);
  });

  it('refuses a blank answer for a field the exchange needs, creating no connection', async () => {
    const { ctx, out } = fakeCliContext({ dataDir: temp.dataDir, answers: [PASSPHRASE, PASSPHRASE, 'KUCOINKEY00001111', 's', ' '] });
    expect(await runCli(['add', 'kucoin', '--label', 'k', '--no-test'], ctx)).toBe(1);
    expect(out.stderr).toContain('KuCoin API keys need "passphrase" (API passphrase).');
    expect(await (await openVault(temp.dataDir, PASSPHRASE, { env: FAST_KDF_ENV })).listConnections()).toEqual([]);
  });

  it('refuses differing new passphrases and short ones, creating nothing', async () => {
    const differing = fakeCliContext({ dataDir: temp.dataDir, answers: [PASSPHRASE, `${PASSPHRASE}!`] });
    expect(await runCli(['add', 'gate', '--label', 'x', '--no-test'], differing.ctx)).toBe(1);
    expect(differing.out.stderr).toContain('keyaudit: The two passphrases differ; nothing was changed.\n');
    expect(vaultExists(temp.dataDir)).toBe(false);
    const short = fakeCliContext({ dataDir: temp.dataDir, answers: ['short'] });
    expect(await runCli(['add', 'gate', '--label', 'x', '--no-test'], short.ctx)).toBe(1);
    expect(short.out.stderr).toContain('at least 8 characters');
    expect(short.out.prompts).toHaveLength(1); // strength is checked before asking again
    expect(vaultExists(temp.dataDir)).toBe(false);
  });

  it("accepts piped JSON with exactly the exchange table's fields, naming what is missing or too much", async () => {
    const refusals: [string, string, string][] = [
      ['binance', '{"apiKey": "BINANCEKEY00001111", "secret": "s", "passphrase": "p"}', 'Binance API keys have no passphrase: leave "passphrase" out.'],
      ['okx', '{"apiKey": "OKXKEY000011112222", "secret": "s"}', 'OKX API keys need "passphrase" (Passphrase).'],
      ['gate', '{"apiKey": "GATEKEY00001111", "secret": "s", "memo": "x"}', 'Credential JSON on stdin must be {"apiKey": "…", "secret": "…"}.'],
      ['kucoin', '{"apiKey": "KUCOINKEY00001111", "secret": 7, "passphrase": "p"}', 'Credential JSON on stdin must be {"apiKey": "…", "secret": "…", "passphrase": "…"}.'],
    ];
    for (const [exchange, stdin, message] of refusals) {
      const { ctx, out } = fakeCliContext({ dataDir: temp.dataDir, stdin, answers: [PASSPHRASE, PASSPHRASE] });
      expect(await runCli(['add', exchange, '--label', 'x', '--no-test'], ctx), stdin).toBe(1);
      expect(out.stderr).toBe(`keyaudit: ${message}\n`);
    }
    expect(vaultExists(temp.dataDir)).toBe(false);

    const { ctx } = fakeCliContext({ dataDir: temp.dataDir, stdin: '{"apiKey": "OKXKEY000011112222", "secret": "s", "passphrase": "p"}', answers: [PASSPHRASE, PASSPHRASE] });
    expect(await runCli(['add', 'okx', '--label', 'x', '--no-test'], ctx)).toBe(0);
    const [stored] = await (await openVault(temp.dataDir, PASSPHRASE, { env: FAST_KDF_ENV })).listConnections();
    expect(stored!.credentials.passphrase?.reveal()).toBe('p');
  });

  it('reads piped credentials before creating a vault, so bad JSON creates nothing', async () => {
    const { ctx, out } = fakeCliContext({ dataDir: temp.dataDir, stdin: '{"apiKey": 1}', answers: [PASSPHRASE, PASSPHRASE] });
    expect(await runCli(['add', 'gate', '--label', 'x', '--no-test'], ctx)).toBe(1);
    expect(out.prompts).toEqual([]);
    expect(vaultExists(temp.dataDir)).toBe(false);
  });
});
