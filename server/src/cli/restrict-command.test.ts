/**
 * `keyaudit restrict`, run in-process against a live vault with one KuCoin connection to the simulator: every exit
 * code the command promises, the simulator's stored key, and the action log.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUCOIN_DEMO_CONNECTION, KUCOIN_DEMO_KEY_PASSPHRASE } from '../simulator/kucoin/kucoin-demo-seed.ts';
import { startSimulator, type RunningSimulator } from '../simulator/create-simulator.ts';
import { fakeCliContext, writePrivateFile } from './cli-test-support.ts';
import { runCli } from './run-cli.ts';

let dataDir: string;
let passphraseFile: string;
let simulator: RunningSimulator;

beforeAll(async () => {
  // The vault opens in this process, which decides on the test-only fast KDF from its own environment.
  process.env.KEYAUDIT_TEST_FAST_KDF = '1';
  dataDir = await mkdtemp(join(tmpdir(), 'keyaudit-cli-restrict-'));
  passphraseFile = await writePrivateFile(await mkdtemp(join(tmpdir(), 'keyaudit-pass-')), 'pass', 'vault passphrase 1\n');
  simulator = await startSimulator({ rateLimits: 'relaxed' });
  const { ctx, out } = fakeCliContext({ dataDir, env: { KEYAUDIT_PASSPHRASE_FILE: passphraseFile }, stdin: JSON.stringify(KUCOIN_DEMO_CONNECTION) });
  expect(await runCli(["add", "kucoin", "--label", "KuCoin main", "--base-url", simulator.baseUrls.kucoin], ctx), out.stderr).toBe(0);
}, 60_000);
afterAll(async () => {
  delete process.env.KEYAUDIT_TEST_FAST_KDF;
  await simulator.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function run(args: string[], stdin?: string) {
  const { ctx, out } = fakeCliContext({ dataDir, env: { KEYAUDIT_PASSPHRASE_FILE: passphraseFile }, stdin: stdin ?? '' });
  const code = await runCli(['restrict', ...args], ctx);
  return { code, ...out };
}
const keyOf = (subName: string, remark: string) => simulator.kucoin.state.findSubAccount(subName)!.keys.find((key) => key.remark === remark)!;
const passphrase = JSON.stringify({ passphrase: KUCOIN_DEMO_KEY_PASSPHRASE });

describe('keyaudit restrict', { timeout: 60_000 }, () => {
  it('prints before → after and sends nothing with --dry-run', async () => {
    const key = keyOf('grid bot 2', '3commas');
    const result = await run([key.apiKey, '--ips', '198.51.100.4', '--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('before: permissions General, Spot; IPs any IP');
    expect(result.stdout).toContain('after:  permissions General, Spot; IPs 198.51.100.4');
    expect(result.stdout).toContain('Dry run');
    expect(key.ipWhitelist).toBe('');
  });

  it('binds the key with its passphrase from stdin, exits 0, and logs asked and confirmed', async () => {
    const key = keyOf('grid bot 2', '3commas');
    const result = await run([key.apiKey, '--ips', '198.51.100.4,198.51.100.5'], passphrase);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('reads back as asked');
    expect(keyOf('grid bot 2', '3commas').ipWhitelist).toBe('198.51.100.4,198.51.100.5');
    const log = await readFile(join(dataDir, 'actions.log'), 'utf8');
    expect(log).toContain('"action":"key.restrict","outcome":"ok"');
    expect(log).toContain('"phase":"confirmed"');
    expect(log).not.toContain(key.apiKey);
  });

  it('exits 1 when the exchange refuses (a wrong key passphrase), 2 on bad usage or a widening request', async () => {
    const key = keyOf('grid bot 2', 'pionex-grid');
    expect((await run([key.apiKey, '--drop', 'trade'], JSON.stringify({ passphrase: 'wrong-pass' }))).code).toBe(1);
    expect(keyOf('grid bot 2', 'pionex-grid').permission).toBe('General,Spot,Margin');
    expect((await run([key.apiKey])).code).toBe(2);
    expect((await run([key.apiKey, '--drop', 'everything'])).code).toBe(2);
    const widening = await run([key.apiKey, '--ips', '10.0.0.1']);
    expect(widening.code).toBe(2);
    expect(widening.stderr).toContain('only narrows');
  });

  it('exits 4 when the exchange says done but the key reads back otherwise', async () => {
    simulator.kucoin.variant.set({ whitelistUpdate: 'ignored' });
    try {
      const key = keyOf('tax-export', 'cointracking');
      const result = await run([key.apiKey, '--ips', '198.51.100.9'], passphrase);
      expect(result.code).toBe(4);
      expect(result.stderr).toContain('reports the key differently');
      const log = await readFile(join(dataDir, 'actions.log'), 'utf8');
      expect(log).toContain('"phase":"mismatched"');
    } finally {
      simulator.kucoin.variant.set({ whitelistUpdate: 'applied' });
    }
  });
});
