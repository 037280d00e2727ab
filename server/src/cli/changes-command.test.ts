/** `keyaudit changes` in-process over a memory history: every exit code, every format, the table within the terminal. */
import { describe, expect, it } from 'vitest';
import { changesReportSchema } from '@contract/history.ts';
import { createMemoryHistoryStore } from '../history/memory-history-store.ts';
import { HistoryUnavailableError } from '../history/history-errors.ts';
import { buildKey, buildRun, WITHDRAW } from '../history/history-test-fixtures.ts';
import { createChangesCommand } from './commands/changes-command.ts';
import { fakeCliContext } from './cli-test-support.ts';
import { runCli } from './run-cli.ts';

const hostileLabel = 'evil\u001b]52;c;aGk=\u0007bot\u202e';
const dangerousKey = buildKey({
  id: 'key-2',
  apiKey: '99aabbccddeeff0011223344',
  label: hostileLabel,
  account: { kind: 'sub', name: 'a-sub-account-with-a-really-long-name-for-a-narrow-terminal' },
  ipWhitelist: null,
  permissions: ['General', WITHDRAW.word],
  capabilities: [...buildKey().capabilities, WITHDRAW.granted],
});

function storeWith(runCount: number) {
  const store = createMemoryHistoryStore();
  if (runCount > 0) store.recordRun(buildRun({ finishedAt: '2026-11-01T10:00:00.000Z' }), 'cli');
  if (runCount > 1) store.recordRun(buildRun({ finishedAt: '2026-11-02T10:00:00.000Z', keys: [buildKey({ permissions: [] , capabilities: [] }), dangerousKey] }), 'cli');
  if (runCount > 2) store.recordRun(buildRun({ finishedAt: '2026-11-03T10:00:00.000Z', keys: [buildKey({ permissions: [], capabilities: [] }), dangerousKey] }), 'cli');
  return store;
}

async function changes(args: string[], { runs = 2, columns, unavailable = false }: { runs?: number; columns?: number; unavailable?: boolean } = {}) {
  const store = storeWith(runs);
  let closed = 0;
  const command = createChangesCommand(async () => {
    if (unavailable) throw new HistoryUnavailableError('the database is damaged.');
    return { store, close: async () => void closed++ };
  });
  const { ctx, out } = fakeCliContext({ dataDir: '/nonexistent' });
  ctx.terminalColumns = columns;
  const code = await runCli(['changes', ...args], ctx, { changes: command });
  return { code, ...out, closed };
}

describe('keyaudit changes', () => {
  it('prints the changes between the last two runs as versioned JSON and exits 0 without --fail-on', async () => {
    const result = await changes(['--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const report = changesReportSchema.parse(JSON.parse(result.stdout));
    expect(report).toMatchObject({ schemaVersion: 1, from: { runId: 1 }, to: { runId: 2 } });
    expect(report.changes.map((change) => [change.kind, change.severity])).toEqual([
      ['key-added', 'critical'],
      ['permissions-changed', 'info'],
    ]);
    expect(result.closed).toBe(1);
  });

  it('compares the runs given with --from and --to', async () => {
    const result = await changes(['--from', '2', '--to', '3', '--format', 'json'], { runs: 3 });
    expect(result.code).toBe(0);
    expect(changesReportSchema.parse(JSON.parse(result.stdout)).changes).toEqual([]);
  });

  it('exits 3 when a change reaches --fail-on, 0 when none does', async () => {
    expect((await changes(['--fail-on', 'critical'])).code).toBe(3);
    expect((await changes(['--fail-on', 'info', '--from', '2', '--to', '3'], { runs: 3 })).code).toBe(0);
    expect((await changes(['--fail-on', 'critical', '--to', '2', '--from', '1'], { runs: 3 })).code).toBe(3);
  });

  it('exits 1 with fewer than two runs, when a run is unknown, and when history cannot be read', async () => {
    const one = await changes([], { runs: 1 });
    expect(one.code).toBe(1);
    expect(one.stderr).toContain('Fewer than two audits are recorded');
    const unknown = await changes(['--from', '42']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No recorded run has id 42');
    expect(unknown.closed).toBe(1);
    const broken = await changes([], { unavailable: true });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toBe('keyaudit: History is unavailable: the database is damaged.\n');
  });

  it.each([
    [['--format', 'csv']],
    [['--fail-on', 'severe']],
    [['--from', 'last']],
    [['--to', '0']],
    [['--since', '3']],
    [['extra']],
  ])('exits 2 on bad usage: %j', async (args) => {
    const result = await changes(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: keyaudit changes');
  });

  it('fits the table to the terminal, with labels made printable', async () => {
    const result = await changes([], { columns: 80 });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual(['From run 1 (2026-11-01 10:00 UTC) to run 2 (2026-11-02 10:00 UTC)', '2 changes: 1 critical, 1 info']);
    expect(lines[3]).toMatch(/^SEVERITY\s+CHANGE\s+WHAT$/);
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(80);
    expect(lines[4]).toMatch(/^critical {2}key-added {12}Key "evil\]52;c;aGk=bot" \(99aa…3344\) on sub-acc/);
    expect(lines[4].endsWith('…')).toBe(true);
    expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    // Piped (no terminal width): whole sentences, with the permission words before → after.
    const piped = await changes([]);
    expect(piped.stdout).toContain('It can move funds out, from any IP address.');
    expect(piped.stdout).toContain('lost read. [General → (none)]');
  });

  it('renders Markdown with every exchange string escaped', async () => {
    const result = await changes(['--format', 'md']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# keyaudit changes\n\nFrom run 1 .*: 2 changes: 1 critical, 1 info\.\n/);
    expect(result.stdout).toContain('| CRITICAL | key-added | kucoin | a-sub-account-with-a-really-long-name-for-a-narrow-terminal | evil\\]52;c;aGk=bot \\(99aa…3344\\) |');
    // Before → after: nothing before a new key; its permission words and "any IP" after.
    expect(result.stdout).toContain('from any IP address. |   | General, Withdrawal; any IP |');
    expect(result.stdout).toContain('| General | \\(none\\) |');
  });
});
