import { SEVERITIES, type Severity } from '@contract/finding.ts';
import { joinKeyAnnotations } from '../../key-annotations/key-annotation-scope.ts';
import { formatReport, REPORT_FORMATS, type ReportFormat } from '../../report/format-report.ts';
import { toAuditReport } from '../../report/to-audit-report.ts';
import { UsageError } from '../cli-errors.ts';
import { openCliWorkspace } from '../open-cli-workspace.ts';
import { parseArgs } from '../parse-args.ts';
import { writeReportFile } from '../../report/write-report-file.ts';
import type { CliCommand } from './cli-command.ts';
import type { CliContext } from '../cli-context.ts';
import type { AuditService } from '../../audit/audit-service.ts';
import { describeAuditProgress } from '../audit-progress-line.ts';

/** Exit code when a finding at or above --fail-on exists, distinct from errors (1) and usage (2). */
export const EXIT_FINDINGS = 3;

const AUDIT_ARGS = { positionals: [], flags: { demo: 'boolean', format: 'string', wide: 'boolean', output: 'string', 'fail-on': 'string', 'no-record': 'boolean' } } as const;

export const auditCommand: CliCommand = {
  args: AUDIT_ARGS,
  usage: '[--demo] [--format table|json|csv|md|html|sarif] [--wide] [--output <file>] [--fail-on critical|high|medium|low|info] [--no-record]',
  summary:
    'Audit every connection headless and record the run in the history (not with --no-record). The table fits the terminal (--wide: every column, uncut). Exit 0, 3 when a finding at or above --fail-on exists, 1 when a connection failed.',
  async run(args, ctx) {
    const { flags } = parseArgs(args, AUDIT_ARGS);
    const format = (flags.format ?? 'table') as ReportFormat;
    if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}.`);
    const failOn = flags['fail-on'] as Severity | undefined;
    if (failOn !== undefined && !SEVERITIES.includes(failOn)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}.`);

    const { services, close } = await openCliWorkspace(ctx, { demo: flags.demo === true, recordAs: flags['no-record'] ? null : 'cli' });
    try {
      const run = await auditShowingProgress(services.audits.current(), ctx);
      const report = toAuditReport(run, new Date(), undefined, joinKeyAnnotations(run.keys, await services.annotations.list()));
      const history = services.history.status();
      if (!flags['no-record'] && history.state === 'unavailable') ctx.stderr(`Run not recorded: history is unavailable: ${history.reason}\n`);
      const text = formatReport(report, format, { width: flags.output === undefined ? ctx.terminalColumns : undefined, wide: flags.wide === true });
      if (typeof flags.output === 'string') await writeReportFile(flags.output, text);
      else ctx.stdout(text);

      for (const connection of report.connections.filter((candidate) => candidate.status !== 'ok')) {
        ctx.stderr(`${connection.label}: ${connection.status}${connection.errorKind ? ` (${connection.errorKind})` : ''}\n`);
        for (const account of connection.failedAccounts) ctx.stderr(`  ${account.account}: ${account.message}\n`);
      }
      if (report.connections.some((connection) => connection.status === 'failed')) return 1;
      const threshold = failOn === undefined ? -1 : SEVERITIES.indexOf(failOn);
      const hit = report.findings.some((finding) => !finding.accepted && SEVERITIES.indexOf(finding.severity) <= threshold);
      return hit ? EXIT_FINDINGS : 0;
    } finally {
      await close();
    }
  },
};

/** The audit, with a status line on a terminal's stderr redrawn as accounts come in (at most every 200 ms). */
async function auditShowingProgress(audits: AuditService, ctx: CliContext) {
  const progress = ctx.progress;
  if (!progress) return audits.audit();
  const log = audits.join();
  // Redrawn at most every 200 ms, and always after the last event of a burst (a long rate-limit wait follows one).
  let pending: NodeJS.Timeout | null = null;
  const draw = () => {
    pending = null;
    progress.show(describeAuditProgress(log.state, progress.columns));
  };
  const unsubscribe = log.subscribe(() => {
    pending ??= setTimeout(draw, 200);
  });
  draw();
  try {
    return await audits.audit();
  } finally {
    unsubscribe();
    if (pending) clearTimeout(pending);
    progress.clear();
  }
}
