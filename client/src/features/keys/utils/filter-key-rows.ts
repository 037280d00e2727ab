import type { KeyRowModel } from './key-row-model.ts';
import type { KeyViewState } from './key-view-state.ts';

type KeyFilters = Omit<KeyViewState, 'sort'>;

/** One byte per row, in the rows' own order: 1 where the filters let the row through. */
export type KeyRowMatches = Uint8Array;

/**
 * Which rows the filters and search let through. Keys whose only findings are accepted risks stay
 * hidden unless `showAccepted` is set: accepting a risk is how a user clears it from the review.
 *
 * The rows are tested in their own order, not the sorted one: with 50,000 keys, visiting row objects
 * in memory order is several times faster than jumping between them, and the result does not depend
 * on the sort, so a new sort reuses it.
 */
export function matchKeyRows(rows: readonly KeyRowModel[], filters: KeyFilters): KeyRowMatches {
  const query = filters.q.trim().toLowerCase();
  const matches = new Uint8Array(rows.length);
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    matches[index] = Number(
      (filters.showAccepted || row.level !== 'accepted') &&
        (filters.exchange === null || row.key.exchange === filters.exchange) &&
        (filters.account === null || row.accountValue === filters.account) &&
        (filters.capability === null || row.key.capabilities.some(({ capability }) => capability === filters.capability)) &&
        matchesSeverity(row, filters.severity) &&
        (!filters.noWhitelist || row.hasNoWhitelist) &&
        (!filters.canWithdraw || row.canWithdraw) &&
        (query === '' || row.searchText.includes(query)),
    );
  }
  return matches;
}

/** The matching rows, in `order` (indexes into `rows`, e.g. from a sort). */
export function pickKeyRows(rows: readonly KeyRowModel[], order: ArrayLike<number>, matches: KeyRowMatches): KeyRowModel[] {
  const picked: KeyRowModel[] = [];
  for (let position = 0; position < order.length; position++) {
    const index = order[position]!;
    if (matches[index] === 1) picked.push(rows[index]!);
  }
  return picked;
}

/** The rows the filters let through, in their order. */
export function filterKeyRows(rows: readonly KeyRowModel[], filters: KeyFilters): KeyRowModel[] {
  const matches = matchKeyRows(rows, filters);
  return rows.filter((_, index) => matches[index] === 1);
}

function matchesSeverity(row: KeyRowModel, severity: KeyFilters['severity']): boolean {
  if (severity === null) return true;
  if (severity === 'none') return row.findings.worst === null;
  return row.findings.worst === severity;
}
