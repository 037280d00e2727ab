import { useWatchSchedule } from '../api/alert-channels-api.ts';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "Last watched audit …; next expected …": from the history, whoever ran `keyaudit watch`. */
export function WatchScheduleNote() {
  const schedule = useWatchSchedule();
  if (!schedule.data) return null;
  const { lastRun, nextDueAt } = schedule.data;
  if (lastRun === null) {
    return (
      <p className="hint" data-testid="watch-schedule">
        No watched audit yet: <code>keyaudit watch</code> audits on a schedule and sends alerts to the channels below.
      </p>
    );
  }
  const overdue = nextDueAt !== null && Date.parse(nextDueAt) < Date.now() - 5 * 60_000;
  return (
    <p className="hint" data-testid="watch-schedule">
      Last watched audit: run {lastRun.runId}, finished {when(lastRun.finishedAt)}.
      {nextDueAt && (overdue ? ` The next was due ${when(nextDueAt)}: is keyaudit watch still running?` : ` Next expected ${when(nextDueAt)}.`)}
    </p>
  );
}
