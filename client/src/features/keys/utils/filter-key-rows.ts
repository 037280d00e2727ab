import type { KeyRowModel } from './key-row-model.ts';
import type { KeyViewState } from './key-view-state.ts';

type KeyFilters = Omit<KeyViewState, 'sort'>;

/**
 * The rows the filters and search let through. Keys whose only findings are accepted risks stay
 * hidden unless `showAccepted` is set: accepting a risk is how a user clears it from the review.
 */
export function filterKeyRows(rows: readonly KeyRowModel[], filters: KeyFilters): KeyRowModel[] {
  const query = filters.q.trim().toLowerCase();
  return rows.filter(
    (row) =>
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

function matchesSeverity(row: KeyRowModel, severity: KeyFilters['severity']): boolean {
  if (severity === null) return true;
  if (severity === 'none') return row.findings.worst === null;
  return row.findings.worst === severity;
}
