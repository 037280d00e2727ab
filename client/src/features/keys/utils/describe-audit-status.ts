import type { AuditProgress } from '@contract/audit-run-snapshot.ts';

const MAX_NAMED = 3;
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export type AuditStatusInput = {
  /** Connections of the run being read, once it has started (else of the run on screen, if any). */
  connectionCount: number | undefined;
  /** Of the run being read; null before it started. */
  progress: AuditProgress | null;
  /** The table shows the keys found so far of the run being read, not a complete run. */
  isShowingPartial: boolean;
};

/**
 * The progress line while an audit runs: how many accounts are read, and which connections are still
 * being read, by name ("reading KuCoin main, Bybit ops and 2 more"), since a finished connection's keys
 * can already be acted on.
 */
export function describeAuditStatus({ connectionCount, progress, isShowingPartial }: AuditStatusInput): string {
  const accounts = progress && progress.accountsToRead > 0 ? `${progress.accountsRead} of ${plural(progress.accountsToRead, 'account', 'accounts')}` : null;
  const reading = progress && progress.reading.length > 0 ? ` (reading ${nameList(progress.reading.map((connection) => connection.label))})` : '';
  if (isShowingPartial) return `Still auditing — ${accounts ? `${accounts}, ` : ''}showing what is found so far${reading}`;
  const auditing = connectionCount === undefined ? 'Auditing your connections…' : `Auditing ${plural(connectionCount, 'connection', 'connections')}…`;
  return `${auditing}${accounts ? ` ${accounts}` : ''}${reading}`;
}

function nameList(names: string[]): string {
  if (names.length <= MAX_NAMED) return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${names.slice(0, MAX_NAMED).join(', ')} and ${names.length - MAX_NAMED} more`;
}
