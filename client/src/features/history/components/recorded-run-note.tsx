import type { RunSummary } from '@contract/history.ts';
import { formatAbsoluteTime, formatRelativeTime } from '../../../utils/format-relative-time.ts';
import { useNow } from '../../../utils/use-now.ts';

type RecordedRunNoteProps = { summary: RunSummary; staleKeyCount: number; auditFailed: boolean };

/** Says which keys on screen are the last recorded audit's, and how old it is, until the fresh audit has read them. */
export function RecordedRunNote({ summary, staleKeyCount, auditFailed }: RecordedRunNoteProps) {
  const nowMs = useNow(60_000);
  const finishedAt = new Date(summary.finishedAt);
  const age = (
    <time dateTime={summary.finishedAt} title={formatAbsoluteTime(finishedAt)}>
      recorded {formatRelativeTime(finishedAt, nowMs)}
    </time>
  );
  const keys = `${staleKeyCount} ${staleKeyCount === 1 ? 'key' : 'keys'}`;
  return (
    <p className="recorded-run-note" role="note" aria-label="Stale data">
      <span className="stale-badge">Stale</span>{' '}
      {keys} as of the audit {age}
      {auditFailed ? '; the fresh audit failed.' : '; the fresh audit replaces them as it reads their accounts.'}
    </p>
  );
}
