import { SEVERITIES } from '@contract/finding.ts';
import type { RunSummary } from '@contract/history.ts';
import type { AuditRun } from '@contract/audit-run.ts';
import type { RunAlertsResult } from '../../alerts/deliver-run-alerts.ts';
import { changesBetween } from '../../history/changes-between.ts';
import { parseDuration } from '../../watch/parse-duration.ts';
import { realWatchClock, runWatchLoop } from '../../watch/watch-loop.ts';
import { UsageError } from '../cli-errors.ts';
import { openCliWorkspace } from '../open-cli-workspace.ts';
import { parseArgs } from '../parse-args.ts';
import type { CliCommand } from './cli-command.ts';

const DEFAULT_EVERY = '6h';
/** Exchanges meter key listings heavily; more often than this would spend the rate limit on nothing new. */
const MIN_EVERY_MS = 15 * 60_000;

/** Resolves as `work` does, or rejects as soon as `signal` aborts: a stop never waits out an exchange's rate limit. */
function unlessStopped<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  const stopped = () => new DOMException('watch stopped', 'AbortError');
  if (signal.aborted) return Promise.reject(stopped());
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(stopped());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** "; alerts: 1 sent, 1 failed (ch_… HTTP 500 …)" — ids and reasons only, never a URL. Empty when nothing was new. */
function describeAlerts({ deliveries }: RunAlertsResult): string {
  if (deliveries.length === 0) return '';
  const failed = deliveries.filter((delivery) => !delivery.ok);
  const sent = deliveries.length - failed.length;
  return `; alerts: ${sent} sent${failed.length ? `, ${failed.length} failed (${failed.map((delivery) => `${delivery.channelId}: ${delivery.reason}`).join('; ')})` : ''}`;
}

const counts = (summary: RunSummary) => SEVERITIES.filter((severity) => summary.findings[severity] > 0).map((severity) => `${summary.findings[severity]} ${severity}`).join(', ') || 'none';

const WATCH_ARGS = { positionals: [], flags: { every: 'string', once: 'boolean' } } as const;

export const watchCommand: CliCommand = {
  args: WATCH_ARGS,
  usage: '[--every <duration>] [--once]',
  summary: `Audit on a schedule (every ${DEFAULT_EVERY} by default, at least 15m; durations like 30m, 6h, 1d), recording each run in the history, one line per run, and sending what is new to the alert channels (keyaudit notify). Runs never overlap; a failed run is retried at the next tick. Ctrl-C or SIGTERM stops cleanly. --once: one run, exit 1 if a connection failed.`,
  async run(args, ctx) {
    const { flags } = parseArgs(args, WATCH_ARGS);
    const everyMs = parseDuration(typeof flags.every === 'string' ? flags.every : DEFAULT_EVERY);
    if (everyMs === null) throw new UsageError('--every takes a duration such as 15m, 6h or 1d.');
    if (everyMs < MIN_EVERY_MS) throw new UsageError('--every must be at least 15m: exchanges meter key listings, and keys rarely change faster.');

    // The run just recorded by this process (not another's that may have landed meanwhile), for its alerts.
    let recorded: { summary: RunSummary; run: AuditRun } | null = null;
    const { services, close } = await openCliWorkspace(ctx, { demo: false, recordAs: 'watch', watchEveryMs: everyMs, onRecorded: (summary, run) => void (recorded = { summary, run }) });
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    let lastRunFailed = false;
    try {
      await runWatchLoop({
        everyMs,
        clock: realWatchClock,
        signal: controller.signal,
        runOnce: async (signal) => {
          recorded = null;
          const run = await unlessStopped(services.audits.current().audit(), signal);
          const failed = run.connections.filter((connection) => connection.status === 'failed').length;
          lastRunFailed = failed > 0;
          const at = new Date().toISOString().slice(0, 19) + 'Z';
          const history = services.history.status();
          let outcome = 'not recorded: history is unavailable';
          if (history.state === 'available') {
            const store = services.history.store();
            const [latest] = store.listRuns();
            const changes = latest ? changesBetween(store, { to: latest.runId }) : null;
            const changed = changes === null ? 'the first recorded run' : `${changes.changes.length} change(s) since run ${changes.from.runId}${changes.changes.length ? ` (worst: ${changes.changes[0]!.severity})` : ''}`;
            outcome = latest ? `run ${latest.runId} recorded; open findings: ${counts(latest)}; ${changed}` : outcome;
          } else if (history.state === 'unavailable') {
            outcome = `not recorded: ${history.reason}`;
          }
          // After the run is recorded, never instead of it: a channel that is down costs a line, not the run.
          const justRecorded = recorded as { summary: RunSummary; run: AuditRun } | null;
          const alerts = justRecorded ? describeAlerts(await services.alerts.deliverRun(justRecorded.summary, justRecorded.run)) : '';
          const next = flags.once ? '' : `; next at ${new Date(Date.now() + everyMs).toISOString().slice(0, 16)}Z`;
          ctx.stdout(`${at} watch: ${run.keys.length} keys on ${run.connections.length} connection(s), ${failed} failed; ${outcome}${alerts}${next}\n`);
          if (flags.once) controller.abort();
        },
        onTick: (tick, error) => {
          if (tick.outcome === 'failed') {
            lastRunFailed = true;
            ctx.stderr(`${new Date().toISOString().slice(0, 19)}Z watch: the run failed (${error instanceof Error && 'code' in error ? String(error.code) : 'internal error'}); trying again at the next tick\n`);
          }
          if (tick.outcome === 'abandoned') ctx.stderr('watch: stopped; the run in flight was abandoned and not recorded\n');
        },
      });
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await close();
    }
    return flags.once && lastRunFailed ? 1 : 0;
  },
};
