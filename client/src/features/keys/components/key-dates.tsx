import { formatAbsoluteTime, formatRelativeTime } from '../../../utils/format-relative-time.ts';
import type { KeyRowModel } from '../utils/key-row-model.ts';

/** A date as "in 12 days" / "1.4 years ago", the exact date on hover and machine-readable. */
function RelativeDate({ ms, prefix = '' }: { ms: number; prefix?: string }) {
  const date = new Date(ms);
  return (
    <time dateTime={date.toISOString()} title={formatAbsoluteTime(date)}>
      {prefix}
      {formatRelativeTime(date)}
    </time>
  );
}

/** When the key stops working; most keys never do. */
export function ExpiresAt({ row }: { row: KeyRowModel }) {
  if (row.expiresMs === null) return <span className="muted">No expiry</span>;
  const isPast = row.expiresMs <= Date.now();
  return <span className={isPast ? 'date-past' : undefined}>{isPast ? <RelativeDate ms={row.expiresMs} prefix="expired " /> : <RelativeDate ms={row.expiresMs} />}</span>;
}

/** When the exchange last saw the key used, where it says; "Never" only where it would have said. */
export function LastUsedAt({ row }: { row: KeyRowModel }) {
  if (row.lastUsedMs !== null) return <RelativeDate ms={row.lastUsedMs} />;
  if (row.reportsLastUse) return <span>Never</span>;
  return (
    <span className="muted" title="This exchange does not report when a key was last used">
      Not reported
    </span>
  );
}
