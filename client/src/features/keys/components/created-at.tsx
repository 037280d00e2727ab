import { formatAbsoluteTime, formatRelativeTime } from '../../../utils/format-relative-time.ts';

/** "3 months ago", with the exact date in the tooltip and in machine-readable form. */
export function CreatedAt({ iso }: { iso: string | null }) {
  if (iso === null) return <span className="muted" title="The exchange does not report when this key was created">Unknown</span>;
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={formatAbsoluteTime(date)}>
      {formatRelativeTime(date)}
    </time>
  );
}
