import { useMemo } from 'react';
import type { AuditRun } from '@contract/audit-run.ts';
import { FindingCounts } from '../../findings/components/finding-counts.tsx';
import { countFindings } from '../../findings/utils/index-findings.ts';
import { formatAbsoluteTime, formatRelativeTime } from '../../../utils/format-relative-time.ts';
import { useNow } from '../../../utils/use-now.ts';
import { ConnectionStatusStrip } from './connection-status-strip.tsx';
import { useUrlSearchValue, writeUrlSearch } from '../../../lib/url-search-store.ts';
import { parseKeyViewState, toSearchParams } from '../utils/key-view-state.ts';
import type { Severity } from '@contract/finding.ts';

const readSeverity = (search: string) => parseKeyViewState(search).severity;

/** A severity tile pressed: the key list shows only that severity (a history entry, so Back undoes it). */
function pickSeverity(severity: Severity | null) {
  writeUrlSearch(toSearchParams({ ...parseKeyViewState(window.location.search), severity }, window.location.search), 'push');
}

const count = (value: number, one: string, many: string) => `${value.toLocaleString('en-US')} ${value === 1 ? one : many}`;

type SummaryBandProps = {
  run: AuditRun;
  /** The run is still being read: what was read so far. */
  isPartial?: boolean;
  /** Its connections still being read. */
  readingConnectionIds?: ReadonlySet<string>;
};

/**
 * The audit at a glance: open findings by severity, what was read, when, and each connection's status.
 * A partial run (still in flight) counts what was read so far instead of saying when it was audited.
 */
export function SummaryBand({ run, isPartial = false, readingConnectionIds }: SummaryBandProps) {
  const nowMs = useNow(30_000);
  const counts = useMemo(() => countFindings(run.findings), [run.findings]);
  // Only the severity is read from the URL: a keystroke in the search does not re-render the summary.
  const severity = useUrlSearchValue(readSeverity);
  const pickedSeverity = severity === 'none' ? null : severity;
  const accountCount = run.connections.reduce((sum, connection) => sum + connection.accounts.length, 0);
  const finishedAt = new Date(run.finishedAt);
  const failedCount = run.connections.filter((connection) => connection.status === 'failed').length;
  return (
    <section className="summary-band" aria-label="Audit summary">
      <FindingCounts counts={counts} picked={pickedSeverity} onPick={pickSeverity} acceptedHref={`${window.location.pathname}?view=accepted`} />
      <p className="summary-meta">
        {count(run.keys.length, 'key', 'keys')} in {count(accountCount, 'account', 'accounts')}
        {isPartial ? (
          ' so far · audit still running'
        ) : (
          <>
            {' '}
            · audited{' '}
            <time dateTime={run.finishedAt} title={formatAbsoluteTime(finishedAt)}>
              {formatRelativeTime(finishedAt, nowMs)}
            </time>
          </>
        )}
        {failedCount > 0 && (
          <strong className="summary-incomplete">
            {' '}
            · incomplete: {count(failedCount, 'connection', 'connections')} failed, {failedCount === 1 ? 'its keys are' : 'their keys are'} shown as last read
          </strong>
        )}
      </p>
      <ConnectionStatusStrip connections={run.connections} readingConnectionIds={readingConnectionIds} />
    </section>
  );
}
