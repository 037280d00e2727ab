import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { usePublishOnScreenKeys } from '../../report/report-scope.ts';
import { describeKeyView } from '../utils/describe-key-view.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import type { AuditRun } from '@contract/audit-run.ts';
import { useKeyRows } from '../hooks/use-key-rows.ts';
import { useKeyViewState } from '../hooks/use-key-view-state.ts';
import { DEFAULT_KEY_VIEW_STATE, hasActiveFilters } from '../utils/key-view-state.ts';
import { countSelectedRows } from '../utils/count-selected-rows.ts';
import { KeyDetailPanel } from './key-detail-panel.tsx';
import { writeUrlSearch } from '../../../lib/url-search-store.ts';
import { KeyFilters } from './key-filters.tsx';
import { KeyTable } from './key-table.tsx';
import { SelectionToolbar } from './selection-toolbar.tsx';
import { useRevokeGate } from './revoke-gate.ts';
import type { OnRestrictKeys } from './restrict-request.ts';
import type { OnRevokeKeys } from './revoke-request.ts';
import { useDensity } from '../hooks/use-density.ts';
import { KeyAnnotationsContext, useKeyAnnotations } from '../api/key-annotations.ts';
import { useGroupedKeys, useKeyGroupingChoice } from '../hooks/use-key-grouping.ts';
import { GroupingControls } from './grouping-controls.tsx';
import type { KeyRowModel } from '../utils/key-row-model.ts';

export type KeyBrowserProps = {
  run: AuditRun;
  onRevokeKey: (key: AuditedKey) => void;
  onRevokeKeys: OnRevokeKeys;
  onRestrictKeys?: OnRestrictKeys;
};

/**
 * Filters, selection, the table and one key's details, over one audit run. Keys of a connection still
 * being read cannot be revoked yet (the revoke gate says why); the rows ask the gate themselves.
 */
export function KeyBrowser({ run, onRevokeKey, onRevokeKeys, onRestrictKeys }: KeyBrowserProps) {
  const [state, update] = useKeyViewState();
  const revokeGate = useRevokeGate();
  const [detailKeyId, setDetailKeyId] = useState<string | null>(null);
  const annotations = useKeyAnnotations(run.finishedAt);
  // While a key's details are open its row stays where it is (use-key-rows.ts), whatever an accept does to its severity.
  const { all, shown } = useKeyRows(run, state, { openKeyId: detailKeyId, annotations });
  const [density, setDensity] = useDensity(all.length);
  const [isGrouped, setGrouped] = useKeyGroupingChoice();
  const grouped = useGroupedKeys(all, shown, run.connections, isGrouped);
  const [selection, setSelection] = useState<ReadonlySet<string>>(() => new Set());
  const opener = useRef<HTMLElement | null>(null);

  // Keys gone from the latest run (revoked) leave the selection and the details on their own.
  const keysById = useMemo(() => new Map(all.map((row) => [row.key.id, row])), [all]);
  const selected = useMemo(() => all.filter((row) => selection.has(row.key.id)).map((row) => row.key), [all, selection]);
  const selectedIds = useMemo(() => new Set(selected.map((key) => key.id)), [selected]);
  const selectedShownCount = useMemo(() => countSelectedRows(shown, selectedIds), [shown, selectedIds]);
  const detailRow = detailKeyId === null ? undefined : keysById.get(detailKeyId);

  // `?key=` is the open key's own URL (a link from the Changes view, a bookmark, a colleague's message): it opens
  // that key's details once the audit has it, and stays in the address bar while they are open.
  const [requestedKeyId, setRequestedKeyId] = useState(() => new URLSearchParams(window.location.search).get('key'));
  useEffect(() => {
    if (requestedKeyId === null || !keysById.has(requestedKeyId)) return;
    setDetailKeyId(requestedKeyId);
    setRequestedKeyId(null);
  }, [requestedKeyId, keysById]);
  useEffect(() => {
    if (requestedKeyId !== null) return; // not yet: the key asked for is not read yet
    const params = new URLSearchParams(window.location.search);
    if ((params.get('key') ?? null) === detailKeyId) return;
    if (detailKeyId === null) params.delete('key');
    else params.set('key', detailKeyId);
    writeUrlSearch(params, 'replace');
  }, [detailKeyId, requestedKeyId]);

  // The open key was revoked: close its details, and catch the focus its panel took with it.
  useEffect(() => {
    if (detailKeyId === null || detailRow) return;
    setDetailKeyId(null);
    if (document.activeElement === document.body || !document.activeElement) document.getElementById('keys-title')?.focus();
  }, [detailKeyId, detailRow]);

  const deselect = useCallback((keyIds: readonly string[]) => {
    setSelection((previous) => new Set([...previous].filter((keyId) => !keyIds.includes(keyId))));
  }, []);
  const onToggleSelected = useCallback((keyId: string) => {
    setSelection((previous) => {
      const next = new Set(previous);
      if (!next.delete(keyId)) next.add(keyId);
      return next;
    });
  }, []);
  const onToggleAllShown = () => {
    const allShownSelected = shown.length > 0 && shown.every((row) => selectedIds.has(row.key.id));
    setSelection((previous) => {
      const next = new Set(previous);
      for (const row of shown) {
        if (allShownSelected) next.delete(row.key.id);
        else next.add(row.key.id);
      }
      return next;
    });
  };
  // A group header's checkbox: selects the group's shown keys, or clears them when all are selected already.
  const onToggleRowsSelected = useCallback((rows: readonly KeyRowModel[]) => {
    setSelection((previous) => {
      const allSelected = rows.every((row) => previous.has(row.key.id));
      const next = new Set(previous);
      for (const row of rows) {
        if (allSelected) next.delete(row.key.id);
        else next.add(row.key.id);
      }
      return next;
    });
  }, []);
  const onOpenDetails = useCallback((key: AuditedKey) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDetailKeyId(key.id);
  }, []);
  const closeDetails = () => {
    const keyId = detailKeyId;
    setDetailKeyId(null);
    const target = opener.current?.isConnected
      ? opener.current
      : document.querySelector<HTMLElement>(`tr[data-key-id="${CSS.escape(keyId ?? '')}"] .row-open`);
    (target ?? document.querySelector<HTMLElement>('.table-scroll'))?.focus();
  };

  const clearFilters = () => update({ ...DEFAULT_KEY_VIEW_STATE, sort: state.sort });
  const thirdPartyIds = useMemo(() => all.filter((row) => row.isThirdPartyBound).map((row) => row.key.id), [all]);
  const acceptedOnlyCount = useMemo(() => all.filter((row) => row.level === 'accepted').length, [all]);
  const hiddenAcceptedCount = state.showAccepted ? 0 : acceptedOnlyCount;
  usePublishOnScreenKeys(useMemo(() => ({ keyIds: shown.map((row) => row.key.id), totalCount: all.length, description: describeKeyView(state) }), [shown, all, state]));
  return (
    <KeyAnnotationsContext value={annotations}>
      <KeyFilters rows={all} annotations={annotations} state={state} update={update} />
      <SelectionToolbar
        shownCount={shown.length}
        totalCount={all.length}
        hiddenAcceptedCount={hiddenAcceptedCount}
        onClearFilters={hasActiveFilters(state) || state.showAccepted ? clearFilters : null}
        selectedCount={selected.length}
        selectedHiddenCount={selected.length - selectedShownCount}
        onSelectWithdrawWithoutWhitelist={() => setSelection(new Set(all.filter((row) => row.canWithdraw && row.hasNoWhitelist).map((row) => row.key.id)))}
        thirdPartyCount={thirdPartyIds.length}
        onSelectThirdParty={() => setSelection(new Set(thirdPartyIds))}
        onClearSelection={() => setSelection(new Set())}
        onRevokeSelected={() => onRevokeKeys(selected, deselect)}
        onRestrictSelected={onRestrictKeys && ((ask) => onRestrictKeys(selected, ask))}
        revokeUnavailableReason={selected.map(revokeGate).find((reason) => reason !== null) ?? null}
        viewOptions={
          <>
            <label className="inline-check density-toggle">
              <input type="checkbox" checked={density === 'compact'} onChange={(event) => setDensity(event.target.checked ? 'compact' : 'comfortable')} />
              Compact rows
            </label>
            <GroupingControls isGrouped={isGrouped} onGroupedChange={setGrouped} onCollapseAll={() => grouped?.collapseAll()} onExpandAll={() => grouped?.expandAll()} />
          </>
        }
      />
      {shown.length === 0 ? (
        <div className="empty-state">
          <h2>No keys match these filters</h2>
          <p>{all.length.toLocaleString('en-US')} keys are hidden by the search or filters.</p>
          <button type="button" className="button-secondary" onClick={clearFilters}>
            Clear filters
          </button>
        </div>
      ) : (
        <KeyTable
          rows={shown}
          density={density}
          sort={state.sort}
          onSortChange={(sort) => update({ sort })}
          selectedIds={selectedIds}
          onToggleSelected={onToggleSelected}
          onToggleAllShown={onToggleAllShown}
          onOpenDetails={onOpenDetails}
          onRevokeKey={onRevokeKey}
          activeKeyId={detailRow ? detailKeyId : null}
          grouping={
            grouped && { list: grouped.list, onToggleGroup: grouped.toggleGroup, onToggleRowsSelected }
          }
        />
      )}
      {detailRow && (
        <KeyDetailPanel
          key={detailRow.key.id}
          row={detailRow}
          connection={run.connections.find((connection) => connection.connectionId === detailRow.key.connectionId)}
          onClose={closeDetails}
          onRevoke={onRevokeKey}
          onRestrict={onRestrictKeys && ((key, ask) => onRestrictKeys([key], ask))}
          revokeUnavailableReason={revokeGate(detailRow.key)}
        />
      )}
    </KeyAnnotationsContext>
  );
}
