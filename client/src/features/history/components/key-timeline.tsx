import { useId } from 'react';
import type { Change, KeyTimeline } from '@contract/history.ts';
import { describeChangeSides } from '@contract/describe-change.ts';
import { SeverityBadge } from '../../../components/severity-badge.tsx';
import { formatAbsoluteTime, formatRelativeTime } from '../../../utils/format-relative-time.ts';
import { useNow } from '../../../utils/use-now.ts';
import { useKeyTimeline } from '../api/get-key-timeline.ts';
import { CHANGE_KIND_LABELS } from '../utils/change-labels.ts';

function When({ iso, nowMs }: { iso: string; nowMs: number }) {
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={formatAbsoluteTime(date)}>
      {formatAbsoluteTime(date)} ({formatRelativeTime(date, nowMs)})
    </time>
  );
}

/**
 * A key's life in the history, for its detail panel: first seen (its age as keyaudit knows it, which is all
 * there is when the exchange reports no creation date), every change, last seen.
 */
export function KeyTimelineSection({ keyId, hasCreationDate }: { keyId: string; hasCreationDate: boolean }) {
  const headingId = useId();
  const timeline = useKeyTimeline(keyId);
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>History</h3>
      {timeline.isPending && <p className="muted">Loading this key's history…</p>}
      {timeline.isError && <p className="muted">{timeline.error.message}</p>}
      {timeline.data === null && <p className="muted">Not in the history yet: this key is recorded with the audit that found it.</p>}
      {timeline.data && <TimelineList timeline={timeline.data} hasCreationDate={hasCreationDate} />}
    </section>
  );
}

/** The change without the key's name (the panel is about that key): what it gained or lost, before → after. */
function describeForKey(change: Change): string {
  const { before, after } = describeChangeSides(change);
  const capabilities = [
    change.capabilitiesGained.length > 0 && change.kind === 'permissions-changed' && `gained ${change.capabilitiesGained.join(', ')}`,
    change.capabilitiesLost.length > 0 && change.kind === 'permissions-changed' && `lost ${change.capabilitiesLost.join(', ')}`,
  ].filter(Boolean);
  const sides = before === null && after === null ? '' : `${before ?? 'nothing'} → ${after ?? 'nothing'}`;
  const parts = [capabilities.join(' and '), sides].filter(Boolean);
  return parts.length > 0 ? `: ${parts.join('; ')}` : '';
}

function TimelineList({ timeline, hasCreationDate }: { timeline: KeyTimeline; hasCreationDate: boolean }) {
  const nowMs = useNow(60_000);
  return (
    <ol className="key-timeline">
      <li>
        <strong>First seen</strong> <When iso={timeline.firstSeen.finishedAt} nowMs={nowMs} />
        {!hasCreationDate && <span className="muted"> — the exchange reports no creation date, so this is its age as keyaudit knows it.</span>}
      </li>
      {timeline.events.map((event, index) => (
        <li key={`${event.runId}:${event.change.kind}:${event.change.ruleId ?? ''}:${index}`}>
          <When iso={event.at} nowMs={nowMs} /> <SeverityBadge level={event.change.severity} /> <strong>{CHANGE_KIND_LABELS[event.change.kind]}</strong>
          {describeForKey(event.change)}
        </li>
      ))}
      <li>
        <strong>Last seen</strong> <When iso={timeline.lastSeen.finishedAt} nowMs={nowMs} />
      </li>
    </ol>
  );
}
