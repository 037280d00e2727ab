import type { AuditProgress } from '@contract/audit-run-snapshot.ts';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';

const MAX_NAMED = 3;
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export type AuditStatusInput = {
  /** Connections of the run being read, once it has started (else of the run on screen, if any). */
  connectionCount: number | undefined;
  /** Of the run being read; null before it started. */
  progress: AuditProgress | null;
  /** The table shows the keys found so far of the run being read, not a complete run. */
  isShowingPartial: boolean;
  /** Now, to count down a rate-limit wait. */
  nowMs: number;
};

type Reading = AuditProgress['reading'][number];

/**
 * The progress line while an audit runs: how many accounts are read, and which connections are still
 * being read, by name ("reading KuCoin main, Bybit ops and 2 more"), since a finished connection's keys
 * can already be acted on; and why one is slow ("waiting out Binance's rate limit for Binance main, 40 s").
 */
export function describeAuditStatus({ connectionCount, progress, isShowingPartial, nowMs }: AuditStatusInput): string {
  const accounts = progress && progress.accountsToRead > 0 ? `${progress.accountsRead} of ${plural(progress.accountsToRead, 'account', 'accounts')}` : null;
  const waiting = (progress?.reading ?? []).filter((connection) => isWaiting(connection, nowMs));
  const read = (progress?.reading ?? []).filter((connection) => !waiting.includes(connection));
  const parts = [
    ...(read.length > 0 ? [`reading ${nameList(read.map((connection) => connection.label))}`] : []),
    ...waiting.map((connection) => describeWait(connection, nowMs)),
  ];
  const reading = parts.length > 0 ? ` (${parts.join('; ')})` : '';
  if (isShowingPartial) return `Still auditing — ${accounts ? `${accounts}, ` : ''}showing what is found so far${reading}`;
  const auditing = connectionCount === undefined ? 'Auditing your connections…' : `Auditing ${plural(connectionCount, 'connection', 'connections')}…`;
  return `${auditing}${accounts ? ` ${accounts}` : ''}${reading}`;
}

const isWaiting = (connection: Reading, nowMs: number) => connection.waiting != null && (connection.waiting.until === null || Date.parse(connection.waiting.until) > nowMs);

/** "waiting out Binance's rate limit for Binance main, 40 s": counted in steps of 5 s, so the live region is not re-read every second. */
function describeWait(connection: Reading, nowMs: number): string {
  const until = connection.waiting?.until;
  const seconds = until ? Math.max(5, Math.ceil((Date.parse(until) - nowMs) / 5_000) * 5) : null;
  return `waiting out ${EXCHANGE_NAMES[connection.exchange]}'s rate limit for ${connection.label}${seconds === null ? '' : `, ${seconds} s`}`;
}

function nameList(names: string[]): string {
  if (names.length <= MAX_NAMED) return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${names.slice(0, MAX_NAMED).join(', ')} and ${names.length - MAX_NAMED} more`;
}
