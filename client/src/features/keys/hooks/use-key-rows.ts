import { useEffect, useMemo, useRef } from 'react';
import type { AuditRun } from '@contract/audit-run.ts';
import { toKeyRows, type KeyRowModel } from '../utils/key-row-model.ts';
import { indexKeyAnnotations, indexKeyRowsForFilters, matchKeyRows, pickKeyRows } from '../utils/filter-key-rows.ts';
import type { KeyAnnotationsById } from '../api/key-annotations.ts';
import { runWhenIdle } from '../utils/run-when-idle.ts';
import { createKeyRowSorter, keepPreviousOrder } from '../utils/sort-key-rows.ts';
import { SORT_COLUMNS, type KeyViewState } from '../utils/key-view-state.ts';

const NO_ANNOTATIONS: KeyAnnotationsById = new Map();

/**
 * The rows to show, memoized per step: the row models (with their sort ranks and filter index)
 * change only with the audit run, the order only with the sort, the matches only with the filters;
 * the shown rows pick the matches in that order. So a filter change never re-sorts and a sort never
 * re-filters. The search is not deferred: a keystroke costs a few milliseconds even with 50,000
 * keys, and deferring it showed the result one frame later than rendering it at once.
 *
 * `openKeyId`, the key whose details are open: while it is set, a new run (after an accepted risk, a Refresh) keeps the
 * rows in the order on screen, and that key's row stays listed even where a filter would now hide it (an accepted-only
 * key), so nothing moves under the open panel. The fresh order applies once the panel closes, or when the sort changes.
 * `annotations`, each key's owner, purpose and tags, join the filter index only (search, owner and tag filters).
 */
export function useKeyRows(
  run: AuditRun,
  state: KeyViewState,
  { openKeyId = null, annotations = NO_ANNOTATIONS }: { openKeyId?: string | null; annotations?: KeyAnnotationsById } = {},
): { all: KeyRowModel[]; shown: KeyRowModel[] } {
  const all = useMemo(() => toKeyRows(run.keys, run.findings), [run]);
  const sorter = useMemo(() => createKeyRowSorter(all), [all]);
  // Ranking a column of 50,000 distinct values takes ~100 ms: done while the page is idle, the first
  // sort by any column is as fast as the next.
  useEffect(() => runWhenIdle(SORT_COLUMNS.map((column) => () => sorter.prepare(column))), [sorter]);
  const runIndex = useMemo(() => indexKeyRowsForFilters(all), [all]);
  // Annotations change on a Save, not with the run: only their part of the index is built again.
  const filterIndex = useMemo(() => indexKeyAnnotations(runIndex, all, annotations), [runIndex, all, annotations]);
  const { column, direction } = state.sort;
  const freshOrder = useMemo(() => sorter.sort({ column, direction }), [sorter, column, direction]);
  const onScreen = useRef<{ rows: KeyRowModel[]; order: Int32Array; sort: string } | null>(null);
  const sortKey = `${column}:${direction}`;
  const isFrozen = openKeyId !== null;
  const order = useMemo(() => {
    const last = onScreen.current;
    return isFrozen && last && last.rows !== all && last.sort === sortKey ? keepPreviousOrder(all, freshOrder, last.rows, last.order) : freshOrder;
  }, [all, freshOrder, isFrozen, sortKey]);
  useEffect(() => void (onScreen.current = { rows: all, order, sort: sortKey }), [all, order, sortKey]);
  const { q, exchange, account, capability, severity, expiry, use, owner, noOwner, tag, noWhitelist, canWithdraw, thirdParty, showAccepted } = state;
  const matches = useMemo(
    () => matchKeyRows(filterIndex, { q, exchange, account, capability, severity, expiry, use, owner, noOwner, tag, noWhitelist, canWithdraw, thirdParty, showAccepted }),
    [filterIndex, q, exchange, account, capability, severity, expiry, use, owner, noOwner, tag, noWhitelist, canWithdraw, thirdParty, showAccepted],
  );
  const openIndex = useMemo(() => (openKeyId === null ? -1 : all.findIndex((row) => row.key.id === openKeyId)), [all, openKeyId]);
  const shown = useMemo(() => {
    if (openIndex === -1 || matches[openIndex] === 1) return pickKeyRows(all, order, matches);
    const withOpen = matches.slice();
    withOpen[openIndex] = 1;
    return pickKeyRows(all, order, withOpen);
  }, [all, order, matches, openIndex]);
  return { all, shown };
}
