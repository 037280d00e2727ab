/** `keyaudit history`, `keyaudit history prune` and the recording of `keyaudit audit`, spawned as a user runs them. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
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
  home = await mkdtemp(join(tmpdir(), 'keyaudit-cli-history-'));
  passphraseFile = await writePrivateFile(await mkdtemp(join(tmpdir(), 'keyaudit-pass-')), 'pass', 'vault passphrase 1\n');
  simulator = await startSimulator({ rateLimits: 'relaxed' });
  const added = await runKeyaudit(['add', 'kucoin', '--label', 'KuCoin main', '--base-url', simulator.baseUrls.kucoin], { home, passphraseFile, stdin: JSON.stringify(KUCOIN_DEMO_CONNECTION) });
  expect(added.code, added.stderr).toBe(0);
}, 60_000);
afterAll(async () => {
  await simulator.close();
  await rm(home, { recursive: true, force: true });
});

const run = (args: string[]) => runKeyaudit(args, { home, passphraseFile });
const listed = async () => {
  const result = await run(['history', '--format', 'json']);
  expect(result.code, result.stderr).toBe(0);
  return runSummarySchema.array().parse(JSON.parse(result.stdout));
};

describe('keyaudit history', { timeout: 120_000 }, () => {
  it('lists nothing before any audit, then each recorded `keyaudit audit` (not --no-record), newest first', async () => {
    expect(await listed()).toEqual([]);
    expect((await run(['history'])).stdout).toContain('No recorded runs yet');

    const audited = await run(['audit', '--format', 'json']);
    expect(audited.code, audited.stderr).toBe(0);
    const report = JSON.parse(audited.stdout) as { keys: unknown[] };
    expect((await run(['audit', '--no-record'])).code).toBe(0);
    expect((await run(['audit'])).code).toBe(0);

    const runs = await listed();
    expect(runs.map((entry) => entry.source)).toEqual(['cli', 'cli']);
    expect(runs[0].runId).toBeGreaterThan(runs[1].runId);
    expect(runs[1]).toMatchObject({ keys: report.keys.length, connections: { ok: 1, partial: 0, failed: 0 } });
    expect(runs[1].findings.critical).toBeGreaterThan(0);

    const table = (await run(['history'])).stdout.split('\n');
    expect(table[0]).toMatch(/^RUN\s+STARTED\s+FINISHED\s+SOURCE\s+OK\/PARTIAL\/FAILED\s+KEYS\s+CRITICAL\s+HIGH\s+MEDIUM\s+LOW\s+INFO$/);
    expect(table[1]).toMatch(new RegExp(`^${runs[0].runId}\\s+${runs[0].startedAt}\\s+${runs[0].finishedAt}\\s+cli`));
    expect(table[1]).toContain('1/0/0');
  });

  it('prunes runs older than the given days, keeps the newest, and logs it', async () => {
    expect((await run(['history', 'prune', '--older-than', '12x'])).code).toBe(2);
    expect((await run(['history', 'prune'])).code).toBe(2);
    const before = await listed();
    expect(before.length).toBeGreaterThanOrEqual(2);
    expect((await run(['history', 'prune', '--older-than', '30d'])).stdout).toContain('Removed 0 runs');

    const pruned = await run(['history', 'prune', '--older-than', '0d']);
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(pruned.stdout).toBe(`Removed ${before.length - 1} run${before.length === 2 ? '' : 's'} older than 0 days; 1 kept.\n`);
    expect((await listed()).map((entry) => entry.runId)).toEqual([before[0].runId]);
    const log = await readFile(join(home, 'actions.log'), 'utf8');
    expect(log).toContain('"history.prune"');
    expect(log).toContain(`"runsRemoved":${before.length - 1}`);
  });

  it('says history is unavailable, with exit 1, when history.sqlite is damaged; audits still run', async () => {
    const { writeFile } = await import('node:fs/promises');
    for (const suffix of ['-wal', '-shm']) await rm(join(home, `history.sqlite${suffix}`), { force: true });
    await writeFile(join(home, 'history.sqlite'), Buffer.alloc(4096, 0x33), { mode: 0o600 });
    const listedDamaged = await run(['history']);
    expect(listedDamaged.code).toBe(1);
    expect(listedDamaged.stderr).toContain('History is unavailable: history.sqlite cannot be read (SQLITE_NOTADB)');
    const audited = await run(['audit']);
    expect(audited.code).toBe(0);
    expect(audited.stderr).toContain('Run not recorded: history is unavailable');
  });
});
