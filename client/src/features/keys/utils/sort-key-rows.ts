import type { SeverityLevel } from '../../../components/severity-badge.tsx';
import { dangerOf } from '../../../components/capability-danger.ts';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import { SEVERITY_RANK } from '../../findings/utils/index-findings.ts';
import { accountShortName } from '../../../utils/describe-account.ts';
import { rankByCollation } from './collation-ranks.ts';
import type { KeyRowModel } from './key-row-model.ts';
import type { KeySort, SortColumn } from './key-view-state.ts';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const DANGER_RANK = { neutral: 0, elevated: 1, critical: 2 } as const;
/** Packs a rank and a count below it into one number; no key has a million findings or capabilities. */
const THEN = 1e6;

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

/** Worst level first, then the key with more open findings. */
const severityValue = (row: KeyRowModel) => levelRank(row.level) * THEN + row.findings.open.length;

/**
 * What each column sorts by, "ascending"; descending is its reverse. Numbers compare as numbers,
 * text with the collator (numeric, case- and accent-blind); null — an unknown creation date — sorts
 * last in both directions: it is not "oldest" or "newest".
 */
const SORT_VALUES: Record<SortColumn, { number: (row: KeyRowModel) => number | null } | { text: (row: KeyRowModel) => string }> = {
  severity: { number: severityValue },
  exchange: { text: (row) => EXCHANGE_NAMES[row.key.exchange] },
  account: { text: (row) => accountShortName(row.key.account) },
  label: { text: (row) => row.key.label },
  key: { text: (row) => row.key.apiKey },
  permissions: {
    number: (row) => DANGER_RANK[dangerOf(row.key.capabilities.map((c) => c.capability))] * THEN + row.key.capabilities.length,
  },
  whitelist: { number: whitelistRank },
  // Ascending: expiring first; no expiry last.
  expires: { number: (row) => row.expiresMs },
  // Ascending: longest unused first, a key never used before any used one; unreported last.
  lastUsed: { number: (row) => (row.lastUsedMs ?? (row.reportsLastUse ? -Infinity : null)) },
  created: { number: (row) => (row.key.createdAt === null ? null : Date.parse(row.key.createdAt)) },
  revoke: { number: (row) => Number(row.key.revocability.canRevoke) },
};

/** Dense ranks of one column over all rows; `null` rows rank `distinct`, after every value. */
type ColumnRanks = { ranks: Int32Array; distinct: number };

export type KeyRowSorter = {
  /** The rows' indexes in sorted order. */
  sort: (sort: KeySort) => Int32Array;
  /** Ranks a column ahead of its first sort (e.g. while the page is idle); later sorts by it are fast. */
  prepare: (column: SortColumn) => void;
};

/**
 * Sorts one set of rows, again and again. Each column's values are ranked once, on first use, and the
 * rows are ordered once by the tie-breaks (worst first, then label, then id, so the order never
 * jumps); a sort is then a counting sort on the rank that visits the rows in tie order. That is
 * linear, with no comparisons at all: about a millisecond for 50,000 keys.
 */
export function createKeyRowSorter(rows: readonly KeyRowModel[]): KeyRowSorter {
  const columnRanks = new Map<SortColumn, ColumnRanks>();
  const ranksOf = (column: SortColumn) => {
    let ranks = columnRanks.get(column);
    if (!ranks) columnRanks.set(column, (ranks = rankColumn(rows, column)));
    return ranks;
  };
  let tieOrder: Int32Array | null = null;

  const sort = ({ column, direction }: KeySort) => {
    tieOrder ??= orderTies(rows, ranksOf('severity'), ranksOf('label'));
    const { ranks, distinct } = ranksOf(column);
    // Descending reverses the ranks of values; null (rank `distinct`) stays last.
    const directed = direction === 'asc' ? ranks : ranks.map((rank) => (rank === distinct ? rank : distinct - 1 - rank));
    const nextPosition = new Int32Array(distinct + 2);
    for (const rank of directed) nextPosition[rank + 1]! += 1;
    for (let rank = 1; rank < nextPosition.length; rank++) nextPosition[rank]! += nextPosition[rank - 1]!;
    const order = new Int32Array(rows.length);
    for (const index of tieOrder) order[nextPosition[directed[index]!]!++] = index;
    return order;
  };
  return { sort, prepare: (column) => void ranksOf(column) };
}

/**
 * `fresh` (an order of `rows`) rearranged to keep the order `previous` had on `previousRows`: the rows both hold, by key
 * id, in their previous order, then the rows new to `rows` in their fresh order. What the table shows while a key's
 * details are open, so a change to that key (an accepted risk lowers its severity) does not move its row away.
 */
export function keepPreviousOrder(rows: readonly KeyRowModel[], fresh: Int32Array, previousRows: readonly KeyRowModel[], previous: ArrayLike<number>): Int32Array {
  const indexById = new Map(rows.map((row, index) => [row.key.id, index]));
  const order = new Int32Array(rows.length);
  const placed = new Uint8Array(rows.length);
  let next = 0;
  for (let position = 0; position < previous.length; position++) {
    const index = indexById.get(previousRows[previous[position]!]!.key.id);
    if (index === undefined || placed[index]) continue;
    placed[index] = 1;
    order[next++] = index;
  }
  for (const index of fresh) if (!placed[index]) order[next++] = index;
  return order;
}

/** A sorted copy. */
export function sortKeyRows(rows: readonly KeyRowModel[], sort: KeySort): KeyRowModel[] {
  return Array.from(createKeyRowSorter(rows).sort(sort), (index) => rows[index]!);
}

function rankColumn(rows: readonly KeyRowModel[], column: SortColumn): ColumnRanks {
  const value = SORT_VALUES[column];
  if ('text' in value) return rankByCollation(rows.map(value.text), collator);
  const numbers = rows.map(value.number);
  const distinctValues = [...new Set(numbers.filter((number) => number !== null))].sort((a, b) => a - b);
  const rankOf = new Map(distinctValues.map((number, rank) => [number, rank]));
  return { ranks: Int32Array.from(numbers, (number) => (number === null ? distinctValues.length : rankOf.get(number)!)), distinct: distinctValues.length };
}

/**
 * Row indexes in the tie-break order: worst first, then label, then id. Ids are unique, so their
 * order (the engine's native string sort) makes each row's packed number (severity, label, id rank)
 * unique too, and a native numeric sort orders the rows.
 */
function orderTies(rows: readonly KeyRowModel[], severity: ColumnRanks, label: ColumnRanks): Int32Array {
  const count = rows.length;
  const rowById = new Map(rows.map((row, index) => [row.key.id, index]));
  if (rowById.size !== count) return orderTiesComparing(rows, severity, label);
  const rowAtIdRank = Int32Array.from([...rowById.keys()].sort(), (id) => rowById.get(id)!);
  const idRank = new Int32Array(count);
  rowAtIdRank.forEach((index, rank) => (idRank[index] = rank));
  const packed = Float64Array.from(rows, (_, index) => ((severity.distinct - 1 - severity.ranks[index]!) * label.distinct + label.ranks[index]!) * count + idRank[index]!);
  return Int32Array.from(packed.sort(), (value) => rowAtIdRank[value % count]!);
}

/** The same order by comparing, for rows that share an id (which an audit run should never have). */
function orderTiesComparing(rows: readonly KeyRowModel[], severity: ColumnRanks, label: ColumnRanks): Int32Array {
  return Int32Array.from(rows, (_, index) => index).sort(
    (a, b) =>
      severity.ranks[b]! - severity.ranks[a]! ||
      label.ranks[a]! - label.ranks[b]! ||
      (rows[a]!.key.id < rows[b]!.key.id ? -1 : rows[a]!.key.id > rows[b]!.key.id ? 1 : 0),
  );
}

/** The direction a column starts in when first clicked: worst, newest and most dangerous first. */
export function initialDirection(column: SortColumn): KeySort['direction'] {
  // expires and lastUsed start ascending: soonest expiry, longest unused first.
  return column === 'severity' || column === 'created' || column === 'permissions' ? 'desc' : 'asc';
}
