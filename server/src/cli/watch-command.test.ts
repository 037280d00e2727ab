/** `keyaudit watch`, spawned as cron or a systemd unit runs it. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSummarySchema } from '@contract/history.ts';
import { KUCOIN_DEMO_CONNECTION } from '../simulator/kucoin/kucoin-demo-seed.ts';
import { startSimulator, type RunningSimulator } from '../simulator/create-simulator.ts';
import { runKeyaudit, writePrivateFile } from './cli-test-support.ts';

let home: string;
let passphraseFile: string;
let simulator: RunningSimulator;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'keyaudit-cli-watch-'));
  passphraseFile = await writePrivateFile(await mkdtemp(join(tmpdir(), 'keyaudit-pass-')), 'pass', 'vault passphrase 1\n');
  simulator = await startSimulator({ rateLimits: 'relaxed' });
  const added = await runKeyaudit(['add', 'kucoin', '--label', 'KuCoin main', '--base-url', simulator.baseUrls.kucoin], { home, passphraseFile, stdin: JSON.stringify(KUCOIN_DEMO_CONNECTION) });
  expect(added.code, added.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await simulator.close();
  await rm(home, { recursive: true, force: true });
});

const run = (args: string[]) => runKeyaudit(args, { home, passphraseFile });
const watchRuns = async () => {
  const listed = await run(['history', '--format', 'json']);
  expect(listed.code, listed.stderr).toBe(0);
  return runSummarySchema.array().parse(JSON.parse(listed.stdout)).filter((entry) => entry.source === 'watch');
};

describe('keyaudit watch', { timeout: 120_000 }, () => {
  it('refuses an interval under 15 minutes or one it cannot read (exit 2)', async () => {
    for (const every of ['5m', 'often', '0m']) {
      const result = await run(['watch', '--every', every]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--every/);
    }
  });

  it('--once audits, records the run as watch, prints one line and exits 0', async () => {
    const before = (await watchRuns()).length;
    const result = await run(['watch', '--once']);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/watch: \d+ keys on 1 connection\(s\), 0 failed; run \d+ recorded; open findings: .*critical/);
    expect(await watchRuns()).toHaveLength(before + 1);
    const second = await run(['watch', '--once']);
    expect(second.stdout).toMatch(/0 change\(s\) since run \d+/);
  });

  it('stops cleanly on SIGTERM between runs: exit 0, the history intact and holding the runs it reported', async () => {
    const before = (await watchRuns()).length;
    let stdout = '';
    const stopped = runKeyaudit(['watch', '--every', '15m'], {
      home,
      passphraseFile,
      onSpawn: (child) => {
        child.stdout!.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('next at')) child.kill('SIGTERM');
        });
      },
    });
    const result = await stopped;
    expect(result.code, result.stderr).toBe(0);
    expect(result.signal).toBeNull();
    expect(result.stdout).toMatch(/run \d+ recorded.*; next at /);
    expect(await watchRuns()).toHaveLength(before + 1);
    expect((await run(['log', 'verify'])).code).toBe(0);
  });
});
