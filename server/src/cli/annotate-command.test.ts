/**
 * `keyaudit annotate`, in-process against a live vault with one KuCoin connection to the simulator: set, keep what
 * is not given, print, refuse bad tags, clear; stored in the vault, shown by `audit`, logged without the text.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditReportSchema } from '@contract/audit-report.ts';
import { KUCOIN_DEMO_CONNECTION } from '../simulator/kucoin/kucoin-demo-seed.ts';
import { startSimulator, type RunningSimulator } from '../simulator/create-simulator.ts';
import { fakeCliContext, writePrivateFile } from './cli-test-support.ts';
import { runCli } from './run-cli.ts';

let dataDir: string;
let passphraseFile: string;
let simulator: RunningSimulator;
beforeAll(async () => {
  process.env.KEYAUDIT_TEST_FAST_KDF = '1';
  dataDir = await mkdtemp(join(tmpdir(), 'keyaudit-cli-annotate-'));
  passphraseFile = await writePrivateFile(await mkdtemp(join(tmpdir(), 'keyaudit-pass-')), 'pass', 'vault passphrase 1\n');
  simulator = await startSimulator({ rateLimits: 'relaxed' });
  const { ctx, out } = fakeCliContext({ dataDir, env: { KEYAUDIT_PASSPHRASE_FILE: passphraseFile }, stdin: JSON.stringify(KUCOIN_DEMO_CONNECTION) });
  expect(await runCli(['add', 'kucoin', '--label', 'KuCoin main', '--base-url', simulator.baseUrls.kucoin], ctx), out.stderr).toBe(0);
}, 60_000);
afterAll(async () => {
  delete process.env.KEYAUDIT_TEST_FAST_KDF;
  await simulator.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function run(args: string[]) {
  const { ctx, out } = fakeCliContext({ dataDir, env: { KEYAUDIT_PASSPHRASE_FILE: passphraseFile } });
  const code = await runCli(args, ctx);
  return { code, ...out };
}

describe('keyaudit annotate', { timeout: 60_000 }, () => {
  it('sets owner and tags, keeps what is not given, shows them in the audit, and clears them', async () => {
    const apiKey = simulator.kucoin.state.findSubAccount('grid bot 2')!.keys.find((key) => key.remark === '3commas')!.apiKey;
    const set = await run(['annotate', apiKey, '--owner', 'ana', '--tags', 'Bot,prod']);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toBe('3commas (kucoin, sub-account grid bot 2): owner ana; tags #bot #prod.\n');

    const purpose = await run(['annotate', apiKey, '--purpose', 'DCA bot']);
    expect(purpose.stdout).toContain('owner ana; tags #bot #prod; purpose DCA bot');
    expect((await run(['annotate', apiKey])).stdout).toContain('owner ana; tags #bot #prod; purpose DCA bot');

    const refused = await run(['annotate', apiKey, '--tags', '=cmd']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--tags: a tag starts with a letter or digit/);

    const report = auditReportSchema.parse(JSON.parse((await run(['audit', '--format', 'json', '--no-record'])).stdout));
    expect(report.keys.find((key) => key.apiKey === apiKey)).toMatchObject({ owner: 'ana', purpose: 'DCA bot', tags: ['bot', 'prod'] });
    expect((await run(['audit', '--wide', '--no-record'])).stdout).toMatch(/OWNER[\s\S]*ana #bot #prod/);

    const log = await readFile(join(dataDir, 'actions.log'), 'utf8');
    expect(log).toContain('"action":"key.annotate"');
    expect(log).not.toContain('DCA bot');
    expect(log).not.toContain(apiKey);

    expect((await run(['annotate', apiKey, '--owner', 'x', '--clear'])).code).toBe(2);
    expect((await run(['annotate', apiKey, '--clear'])).stdout).toContain('no owner, purpose or tags');
    expect((await run(['annotate', 'no-such-key', '--owner', 'x'])).code).toBe(1);
  });
});
