import { useDeferredValue, useMemo } from 'react';
import type { AuditRun } from '@contract/audit-run.ts';
import { toKeyRows, type KeyRowModel } from '../utils/key-row-model.ts';
import { filterKeyRows } from '../utils/filter-key-rows.ts';
import { createKeyRowSorter } from '../utils/sort-key-rows.ts';
import type { KeyViewState } from '../utils/key-view-state.ts';

/**
 * The rows to show, memoized per step: the row models (and their sort ranks) change only with the
 * audit run, the order with the sort, the shown rows with the filters. Every key is sorted once per
 * sort and the filters pick from that order, which the order of ties makes total, so toggling a
 * filter never re-sorts. The search text is deferred so typing stays responsive with many keys.
 */
export function useKeyRows(run: AuditRun, state: KeyViewState): { all: KeyRowModel[]; shown: KeyRowModel[] } {
  const all = useMemo(() => toKeyRows(run.keys, run.findings), [run]);
  const sortRows = useMemo(() => createKeyRowSorter(all), [all]);
  const { column, direction } = state.sort;
  const sorted = useMemo(() => sortRows({ column, direction }), [sortRows, column, direction]);
  const q = useDeferredValue(state.q);
  const { exchange, account, capability, severity, noWhitelist, canWithdraw, showAccepted } = state;
  const shown = useMemo(
    () => filterKeyRows(sorted, { q, exchange, account, capability, severity, noWhitelist, canWithdraw, showAccepted }),
    [sorted, q, exchange, account, capability, severity, noWhitelist, canWithdraw, showAccepted],
  );
  return { all, shown };
}
