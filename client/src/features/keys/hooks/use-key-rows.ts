import { useEffect, useMemo } from 'react';
import type { AuditRun } from '@contract/audit-run.ts';
import { toKeyRows, type KeyRowModel } from '../utils/key-row-model.ts';
import { indexKeyRowsForFilters, matchKeyRows, pickKeyRows } from '../utils/filter-key-rows.ts';
import { runWhenIdle } from '../utils/run-when-idle.ts';
import { createKeyRowSorter } from '../utils/sort-key-rows.ts';
import { SORT_COLUMNS, type KeyViewState } from '../utils/key-view-state.ts';

/**
 * The rows to show, memoized per step: the row models (with their sort ranks and filter index)
 * change only with the audit run, the order only with the sort, the matches only with the filters;
 * the shown rows pick the matches in that order. So a filter change never re-sorts and a sort never
 * re-filters. The search is not deferred: a keystroke costs a few milliseconds even with 50,000
 * keys, and deferring it showed the result one frame later than rendering it at once.
 */
export function useKeyRows(run: AuditRun, state: KeyViewState): { all: KeyRowModel[]; shown: KeyRowModel[] } {
  const all = useMemo(() => toKeyRows(run.keys, run.findings), [run]);
  const sorter = useMemo(() => createKeyRowSorter(all), [all]);
  // Ranking a column of 50,000 distinct values takes ~100 ms: done while the page is idle, the first
  // sort by any column is as fast as the next.
  useEffect(() => runWhenIdle(SORT_COLUMNS.map((column) => () => sorter.prepare(column))), [sorter]);
  const filterIndex = useMemo(() => indexKeyRowsForFilters(all), [all]);
  const { column, direction } = state.sort;
  const order = useMemo(() => sorter.sort({ column, direction }), [sorter, column, direction]);
  const { q, exchange, account, capability, severity, expiry, use, noWhitelist, canWithdraw, thirdParty, showAccepted } = state;
  const matches = useMemo(
    () => matchKeyRows(filterIndex, { q, exchange, account, capability, severity, expiry, use, noWhitelist, canWithdraw, thirdParty, showAccepted }),
    [filterIndex, q, exchange, account, capability, severity, expiry, use, noWhitelist, canWithdraw, thirdParty, showAccepted],
  );
  const shown = useMemo(() => pickKeyRows(all, order, matches), [all, order, matches]);
  return { all, shown };
}
