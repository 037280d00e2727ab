/**
 * `keyaudit disable`, run in-process against a live vault with one Deribit connection to the simulator: the exit codes
 * the command shares with revoke, the simulator's key (still there, enabled false), and the action log.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DERIBIT_DEMO_CONNECTION, demoDeribitClientId } from '../simulator/deribit/deribit-demo-seed.ts';
import { startSimulator, type RunningSimulator } from '../simulator/create-simulator.ts';
import { fakeCliContext, writePrivateFile } from './cli-test-support.ts';
import { runCli } from './run-cli.ts';

let dataDir: string;
let passphraseFile: string;
let simulator: RunningSimulator;

beforeAll(async () => {
  // The vault opens in this process, which decides on the test-only fast KDF from its own environment.
  process.env.KEYAUDIT_TEST_FAST_KDF = '1';
  dataDir = await mkdtemp(join(tmpdir(), 'keyaudit-cli-disable-'));
  passphraseFile = await writePrivateFile(await mkdtemp(join(tmpdir(), 'keyaudit-pass-')), 'pass', 'vault passphrase 1\n');
  simulator = await startSimulator({ rateLimits: 'relaxed' });
  const { ctx, out } = fakeCliContext({ dataDir, env: { KEYAUDIT_PASSPHRASE_FILE: passphraseFile }, stdin: JSON.stringify(DERIBIT_DEMO_CONNECTION) });
  expect(await runCli(['add', 'deribit', '--label', 'Deribit main', '--base-url', simulator.baseUrls.deribit], ctx), out.stderr).toBe(0);
}, 60_000);
afterAll(async () => {
  delete process.env.KEYAUDIT_TEST_FAST_KDF;
  await simulator.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function run(args: string[]) {
  const { ctx, out } = fakeCliContext({ dataDir, env: { KEYAUDIT_PASSPHRASE_FILE: passphraseFile }, stdin: '' });
  const code = await runCli(['disable', ...args], ctx);
  return { code, ...out };
}
const enabledOf = (apiKey: string) => simulator.deribit.state.findKey(apiKey)!.key.enabled;
const disableLines = async () => (await readFile(join(dataDir, 'actions.log'), 'utf8')).split('\n').filter((line) => line.includes('"action":"key.disable"'));

describe('keyaudit disable', { timeout: 60_000 }, () => {
  it('disables another key of the account, exits 0, keeps the key on the exchange, and logs it masked', async () => {
    const apiKey = demoDeribitClientId('main/options_mm');
    const result = await run([apiKey]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Disabled options_mm (deribit, master account). Deribit confirmed it and lists it as disabled.');
    expect(enabledOf(apiKey)).toBe(false);
    const lines = await disableLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"outcome":"ok"');
    expect(lines[0]).not.toContain(apiKey);
  });

  it('exits 1, sending nothing, for a key disabled already, the key keyaudit signs with, or an unknown key; 2 on bad usage', async () => {
    const again = await run([demoDeribitClientId('main/options_mm')]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('disabled already');
    const own = await run([DERIBIT_DEMO_CONNECTION.apiKey]);
    expect(own.code).toBe(1);
    expect(enabledOf(DERIBIT_DEMO_CONNECTION.apiKey)).toBe(true);
    expect((await run(['nosuchkey'])).code).toBe(1);
    expect((await run([])).code).toBe(2);
    expect(await disableLines()).toHaveLength(1);
  });

  it('exits 1 with the second-factor sentence when Deribit asks for one, and nothing changes', async () => {
    const apiKey = demoDeribitClientId('main/tax_export');
    simulator.deribit.state.requireSecurityKey(true);
    try {
      const result = await run([apiKey]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/Not disabled: Deribit asks for a second factor .* keyaudit cannot provide one/);
      expect(enabledOf(apiKey)).toBe(true);
      expect((await disableLines()).at(-1)).toContain('"outcome":"failed"');
    } finally {
      simulator.deribit.state.requireSecurityKey(false);
    }
  });
});
