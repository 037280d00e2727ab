import { useDeferredValue, useMemo } from 'react';
import type { AuditRun } from '@contract/audit-run.ts';
import { toKeyRows, type KeyRowModel } from '../utils/key-row-model.ts';
import { filterKeyRows } from '../utils/filter-key-rows.ts';
import { sortKeyRows } from '../utils/sort-key-rows.ts';
import type { KeyViewState } from '../utils/key-view-state.ts';

/**
 * The rows to show, memoized per step: the row models change only with the audit run, the filtered
 * list with the filters, the order with the sort. The search text is deferred so typing stays
 * responsive with thousands of keys.
 */
export function useKeyRows(run: AuditRun, state: KeyViewState): { all: KeyRowModel[]; shown: KeyRowModel[] } {
  const all = useMemo(() => toKeyRows(run.keys, run.findings), [run]);
  const q = useDeferredValue(state.q);
  const { exchange, account, capability, severity, noWhitelist, canWithdraw, showAccepted, sort } = state;
  const filtered = useMemo(
    () => filterKeyRows(all, { q, exchange, account, capability, severity, noWhitelist, canWithdraw, showAccepted }),
    [all, q, exchange, account, capability, severity, noWhitelist, canWithdraw, showAccepted],
  );
  const { column, direction } = sort;
  const shown = useMemo(() => sortKeyRows(filtered, { column, direction }), [filtered, column, direction]);
  return { all, shown };
}
