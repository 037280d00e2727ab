import type { SeverityLevel } from '../../../components/severity-badge.tsx';
import { dangerOf } from '../../../components/capability-danger.ts';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import { SEVERITY_RANK } from '../../findings/utils/index-findings.ts';
import { accountShortName } from '../../../utils/describe-account.ts';
import type { KeyRowModel } from './key-row-model.ts';
import type { KeySort, SortColumn } from './key-view-state.ts';

type Compare = (a: KeyRowModel, b: KeyRowModel) => number;

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const DANGER_RANK = { neutral: 0, elevated: 1, critical: 2 } as const;

/** Accepted-only keys rank just above keys without findings: someone looked at them. */
function levelRank(level: SeverityLevel): number {
  if (level === null) return 0;
  return level === 'accepted' ? 0.5 : SEVERITY_RANK[level];
}

/** 0 = works from any IP, 1 = the exchange does not say, 2 and up = restricted to that many entries. */
function whitelistRank(row: KeyRowModel): number {
  const { ipWhitelist } = row.key;
  if (row.hasNoWhitelist) return 0;
  return ipWhitelist === 'unknown' || ipWhitelist === null ? 1 : 1 + ipWhitelist.length;
}

/** "Ascending" for each column; descending is its reverse. */
const ASCENDING: Record<SortColumn, Compare> = {
  severity: (a, b) => levelRank(a.level) - levelRank(b.level) || a.findings.open.length - b.findings.open.length,
  exchange: (a, b) => collator.compare(EXCHANGE_NAMES[a.key.exchange], EXCHANGE_NAMES[b.key.exchange]),
  account: (a, b) => collator.compare(accountShortName(a.key.account), accountShortName(b.key.account)),
  label: (a, b) => collator.compare(a.key.label, b.key.label),
  key: (a, b) => collator.compare(a.key.apiKey, b.key.apiKey),
  permissions: (a, b) =>
    DANGER_RANK[dangerOf(a.key.capabilities.map((c) => c.capability))] -
      DANGER_RANK[dangerOf(b.key.capabilities.map((c) => c.capability))] || a.key.capabilities.length - b.key.capabilities.length,
  whitelist: (a, b) => whitelistRank(a) - whitelistRank(b),
  created: (a, b) => compareDates(a.key.createdAt, b.key.createdAt),
  revoke: (a, b) => Number(a.key.revocability.canRevoke) - Number(b.key.revocability.canRevoke),
};

/** Unknown dates sort last in both directions: they are not "oldest" or "newest". */
function compareDates(a: string | null, b: string | null): number {
  if (a === null || b === null) return 0;
  return Date.parse(a) - Date.parse(b);
}

/** A sorted copy. Ties fall back to worst-first, then label, then id, so the order never jumps. */
export function sortKeyRows(rows: readonly KeyRowModel[], sort: KeySort): KeyRowModel[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const primary = ASCENDING[sort.column];
  return [...rows].sort(
    (a, b) =>
      nullsLast(a, b, sort.column) ||
      sign * primary(a, b) ||
      -ASCENDING.severity(a, b) ||
      collator.compare(a.key.label, b.key.label) ||
      (a.key.id < b.key.id ? -1 : a.key.id > b.key.id ? 1 : 0),
  );
}

function nullsLast(a: KeyRowModel, b: KeyRowModel, column: SortColumn): number {
  if (column !== 'created') return 0;
  return Number(a.key.createdAt === null) - Number(b.key.createdAt === null);
}

/** The direction a column starts in when first clicked: worst, newest and most dangerous first. */
export function initialDirection(column: SortColumn): KeySort['direction'] {
  return column === 'severity' || column === 'created' || column === 'permissions' ? 'desc' : 'asc';
}
