import { useCallback, useImperativeHandle, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { KeyRowModel } from '../utils/key-row-model.ts';
import { isGroupHeader, type FlatGroupedList } from '../utils/group-key-rows.ts';
import type { KeyTableProps } from './key-table.tsx';
import { GroupHeaderRow } from './group-header-row.tsx';
import { KeyRow } from './key-row.tsx';
import { SpacerRow, type ScrollToIndex } from './virtual-rows.tsx';

const ESTIMATED_ROW_HEIGHT_PX = 49;
const ESTIMATED_HEADER_HEIGHT_PX = 42;

/** What the table needs to draw the grouped view (use-key-grouping.ts). */
export type KeyTableGrouping = {
  list: FlatGroupedList;
  onToggleGroup: (groupId: string) => void;
  onToggleRowsSelected: (rows: readonly KeyRowModel[]) => void;
};

type GroupedRowsProps = KeyTableProps & {
  grouping: KeyTableGrouping;
  /** Set when the list is long enough to draw only the rows in view. */
  virtual: { scrollElement: HTMLDivElement; scrollToIndexRef: RefObject<ScrollToIndex | null> } | null;
};

/** Group header rows and the key rows of expanded groups, as one list: every row, or (virtual) only those in view. */
export function GroupedRows(props: GroupedRowsProps) {
  return props.virtual ? <VirtualGroupedRows {...props} virtual={props.virtual} /> : <>{props.grouping.list.items.map((_, index) => renderItem(props, index))}</>;
}

function VirtualGroupedRows(props: GroupedRowsProps & { virtual: NonNullable<GroupedRowsProps['virtual']> }) {
  const { itemIds } = props.grouping.list;
  const { scrollElement, scrollToIndexRef } = props.virtual;
  // Heights are kept by item id: a key row's rowId, or a header's negative number (group-key-rows.ts).
  const getItemKey = useCallback((index: number) => itemIds[index]!, [itemIds]);
  const estimateSize = useCallback((index: number) => (itemIds[index]! < 0 ? ESTIMATED_HEADER_HEIGHT_PX : ESTIMATED_ROW_HEIGHT_PX), [itemIds]);
  const virtualizer = useVirtualizer({ count: itemIds.length, getScrollElement: () => scrollElement, estimateSize, getItemKey, overscan: 6 });
  // A new callback per list: React hands it every rendered row again, measured under the row's current id.
  const measureRow = useCallback((row: HTMLTableRowElement | null) => virtualizer.measureElement(row), [virtualizer, itemIds]);
  useImperativeHandle(scrollToIndexRef, () => (index: number) => virtualizer.scrollToIndex(index, { align: 'auto' }), [virtualizer]);
  const items = virtualizer.getVirtualItems();
  const paddingTopPx = items[0]?.start ?? 0;
  const paddingBottomPx = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  return (
    <>
      {paddingTopPx > 0 && <SpacerRow heightPx={paddingTopPx} />}
      {items.map((item) => renderItem(props, item.index, measureRow))}
      {paddingBottomPx > 0 && <SpacerRow heightPx={paddingBottomPx} />}
    </>
  );
}

function renderItem(props: GroupedRowsProps, index: number, measureRow?: (row: HTMLTableRowElement | null) => void) {
  const { grouping, selectedIds } = props;
  const item = grouping.list.items[index]!;
  const virtualIndex = measureRow ? index : undefined;
  if (isGroupHeader(item)) {
    return (
      <GroupHeaderRow
        key={item.group.id}
        ref={measureRow}
        item={item}
        orderedRows={grouping.list.orderedRows}
        rowIndex={index}
        virtualIndex={virtualIndex}
        selectedIds={selectedIds}
        onToggleGroup={grouping.onToggleGroup}
        onToggleRowsSelected={grouping.onToggleRowsSelected}
      />
    );
  }
  return (
    <KeyRow
      key={item.key.id}
      ref={measureRow}
      virtualIndex={virtualIndex}
      rowIndex={index}
      row={item}
      isSelected={selectedIds.has(item.key.id)}
      isActive={item.key.id === props.activeKeyId}
      onToggleSelected={props.onToggleSelected}
      onOpenDetails={props.onOpenDetails}
      onRevoke={props.onRevokeKey}
      revokeUnavailableReason={props.revokeUnavailableReason ?? null}
    />
  );
}
