import { SEVERITIES, type Severity } from '@contract/finding.ts';
import type { HistoryStore } from '../../history/history-store.ts';
import { changesBetween } from '../../history/changes-between.ts';
import { CHANGES_FORMATS, formatChanges, type ChangesFormat } from '../../report/format-changes.ts';
import type { CliContext } from '../cli-context.ts';
import { CliError, UsageError } from '../cli-errors.ts';
import { openCliWorkspace } from '../open-cli-workspace.ts';
import { parseArgs } from '../parse-args.ts';
import type { CliCommand } from './cli-command.ts';
import { EXIT_FINDINGS } from './audit-command.ts';

/** The history as one command opens it; tests hand in a memory store. */
export type OpenCliHistory = (ctx: CliContext) => Promise<{ store: HistoryStore; close(): Promise<void> }>;

/** The vault's history: unlocking the vault opens it (its key lives there). HistoryUnavailableError exits 1. */
const openVaultHistory: OpenCliHistory = async (ctx) => {
  const { services, close } = await openCliWorkspace(ctx, { demo: false });
  try {
    return { store: services.history.store(), close };
  } catch (error) {
    await close();
    throw error;
  }
};

function parseRunId(flag: string, value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[1-9]\d{0,15}$/.test(value)) throw new UsageError(`--${flag} must be a run id (a positive whole number; \`keyaudit history\` lists them).`);
  return Number(value);
}

const CHANGES_ARGS = { positionals: [], flags: { from: 'string', to: 'string', format: 'string', 'fail-on': 'string' } } as const;

export function createChangesCommand(openHistory: OpenCliHistory = openVaultHistory): CliCommand {
  return {
    args: CHANGES_ARGS,
    usage: '[--from <runId>] [--to <runId>] [--format table|json|md] [--fail-on critical|high|medium|low|info]',
    summary: 'What changed between two recorded audits (default: the last two). Exit 0, 3 when a change at or above --fail-on exists, 1 with fewer than two runs.',
    async run(args, ctx) {
      const { flags } = parseArgs(args, CHANGES_ARGS);
      const format = (flags.format ?? 'table') as ChangesFormat;
      if (!CHANGES_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${CHANGES_FORMATS.join(', ')}.`);
      const failOn = flags['fail-on'] as Severity | undefined;
      if (failOn !== undefined && !SEVERITIES.includes(failOn)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}.`);
      const from = parseRunId('from', flags.from);
      const to = parseRunId('to', flags.to);

      const { store, close } = await openHistory(ctx);
      try {
        const report = changesBetween(store, { from, to });
        if (!report) throw new CliError('Fewer than two audits are recorded: nothing to compare yet. Run `keyaudit audit` (or refresh the dashboard) to record one.');
        ctx.stdout(formatChanges(report, format, { columns: ctx.terminalColumns }));
        const threshold = failOn === undefined ? -1 : SEVERITIES.indexOf(failOn);
        return report.changes.some((change) => SEVERITIES.indexOf(change.severity) <= threshold) ? EXIT_FINDINGS : 0;
      } finally {
        await close();
      }
    },
  };
}

export const changesCommand = createChangesCommand();
