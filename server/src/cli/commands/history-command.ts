import type { RunSummary } from '@contract/history.ts';
import { SEVERITIES } from '@contract/finding.ts';
import { withDataDirLock } from '../../vault/data-dir-lock.ts';
import { UsageError } from '../cli-errors.ts';
import { openCliWorkspace } from '../open-cli-workspace.ts';
import { parseArgs } from '../parse-args.ts';
import type { CliCommand } from './cli-command.ts';

const FORMATS = ['table', 'json'] as const;

const HISTORY_ARGS = { positionals: [], flags: { format: 'string' } } as const;

export const historyCommand: CliCommand = {
  args: HISTORY_ARGS,
  usage: '[--format table|json]',
  summary: 'List the recorded audit runs, newest first: id, started/finished, connections ok/partial/failed, keys, open findings by severity.',
  async run(args, ctx) {
    const { flags } = parseArgs(args, HISTORY_ARGS);
    const format = (flags.format ?? 'table') as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}.`);
    const { services, close } = await openCliWorkspace(ctx, { demo: false });
    try {
      const runs = services.history.store().listRuns();
      if (format === 'json') ctx.stdout(`${JSON.stringify(runs, null, 2)}\n`);
      else ctx.stdout(runs.length === 0 ? 'No recorded runs yet. `keyaudit audit` records one.\n' : formatRuns(runs));
      return 0;
    } finally {
      await close();
    }
  },
};

const HISTORY_PRUNE_ARGS = { positionals: [], flags: { 'older-than': 'string' } } as const;

export const historyPruneCommand: CliCommand = {
  args: HISTORY_PRUNE_ARGS,
  usage: '--older-than <days>d',
  summary: 'Delete the runs that finished more than <days> days ago (the newest run is always kept). Logged in the action log.',
  async run(args, ctx) {
    const { flags } = parseArgs(args, HISTORY_PRUNE_ARGS);
    const match = /^(\d{1,5})d$/.exec(typeof flags['older-than'] === 'string' ? flags['older-than'] : '');
    if (!match) throw new UsageError('--older-than takes a number of days, like 365d.');
    const days = Number(match[1]);
    const { services, close } = await openCliWorkspace(ctx, { demo: false });
    try {
      const store = services.history.store();
      // Under the data directory's lock, like every other change there; the deletion itself is one SQLite transaction.
      const { runsRemoved } = await withDataDirLock(ctx.dataDir, async () => {
        const result = store.prune(new Date(Date.now() - days * 86_400_000));
        await services.actionLog.append({ action: 'history.prune', outcome: 'ok', details: { olderThanDays: days, runsRemoved: result.runsRemoved } });
        return result;
      });
      ctx.stdout(`Removed ${runsRemoved} run${runsRemoved === 1 ? '' : 's'} older than ${days} days; ${store.listRuns().length} kept.\n`);
      return 0;
    } finally {
      await close();
    }
  },
};

function formatRuns(runs: RunSummary[]): string {
  const header = ['RUN', 'STARTED', 'FINISHED', 'SOURCE', 'OK/PARTIAL/FAILED', 'KEYS', ...SEVERITIES.map((severity) => severity.toUpperCase())];
  const rows = runs.map((run) => [
    String(run.runId),
    run.startedAt,
    run.finishedAt,
    run.source,
    `${run.connections.ok}/${run.connections.partial}/${run.connections.failed}`,
    String(run.keys),
    ...SEVERITIES.map((severity) => String(run.findings[severity])),
  ]);
  const table = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...table.map((row) => row[column].length)));
  return table.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd() + '\n').join('');
}
