import { useCallback, useImperativeHandle, useMemo, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { KeyTableProps } from './key-table.tsx';
import { KEY_TABLE_COLUMN_COUNT } from './key-columns.ts';
import { KeyRow } from './key-row.tsx';

const ESTIMATED_ROW_HEIGHT_PX = 49;

export type ScrollToIndex = (index: number) => void;

type VirtualRowsProps = KeyTableProps & {
  scrollElement: HTMLDivElement;
  /** Lets the table bring a row that is not rendered into view, for keyboard navigation. */
  scrollToIndexRef: RefObject<ScrollToIndex | null>;
};

/** Only the rows in view (plus some overscan), between spacer rows standing in for the others. */
export function VirtualRows({ rows, scrollElement, scrollToIndexRef, selectedIds, activeKeyId, revokeUnavailableReason = null, ...handlers }: VirtualRowsProps) {
  // Heights are kept per row model, by a number in a compact array: the virtualizer looks up every
  // row's key on each re-sort, and reading 50,000 row objects in sorted order is slow.
  const rowIds = useMemo(() => {
    const ids = new Int32Array(rows.length);
    for (let index = 0; index < rows.length; index++) ids[index] = rows[index]!.rowId;
    return ids;
  }, [rows]);
  const getItemKey = useCallback((index: number) => rowIds[index]!, [rowIds]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollElement,
    estimateSize: () => ESTIMATED_ROW_HEIGHT_PX,
    getItemKey,
    overscan: 6,
  });
  // A new callback per list makes React hand it every rendered row again, so a row that stays mounted
  // while its model changes (a new audit run) is measured under its new row id, not only new rows.
  const measureRow = useCallback((row: HTMLTableRowElement | null) => virtualizer.measureElement(row), [virtualizer, rows]);
  useImperativeHandle(scrollToIndexRef, () => (index: number) => virtualizer.scrollToIndex(index, { align: 'auto' }), [virtualizer]);
  const items = virtualizer.getVirtualItems();
  const paddingTopPx = items[0]?.start ?? 0;
  const paddingBottomPx = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  return (
    <>
      {paddingTopPx > 0 && <SpacerRow heightPx={paddingTopPx} />}
      {items.map((item) => {
        const row = rows[item.index]!;
        return (
          <KeyRow
            key={row.key.id}
            ref={measureRow}
            virtualIndex={item.index}
            rowIndex={item.index}
            row={row}
            isSelected={selectedIds.has(row.key.id)}
            isActive={row.key.id === activeKeyId}
            onToggleSelected={handlers.onToggleSelected}
            onOpenDetails={handlers.onOpenDetails}
            onRevoke={handlers.onRevokeKey}
            revokeUnavailableReason={revokeUnavailableReason}
          />
        );
      })}
      {paddingBottomPx > 0 && <SpacerRow heightPx={paddingBottomPx} />}
    </>
  );
}

/** Stands in for the rows scrolled out of view; React's style prop goes through CSSOM, which the CSP allows. */
export function SpacerRow({ heightPx }: { heightPx: number }) {
  return (
    <tr aria-hidden="true" className="spacer-row">
      <td colSpan={KEY_TABLE_COLUMN_COUNT} style={{ height: heightPx }} />
    </tr>
  );
}
