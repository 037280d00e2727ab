import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AuditedKey } from '@contract/audited-key.ts';
import type { KeyRowModel } from '../utils/key-row-model.ts';
import { countSelectedRows } from '../utils/count-selected-rows.ts';
import type { KeySort } from '../utils/key-view-state.ts';
import { KEY_COLUMNS } from './key-columns.ts';
import { KeyRow } from './key-row.tsx';
import { SortableHeader } from './sortable-header.tsx';
import { VirtualRows, type ScrollToIndex } from './virtual-rows.tsx';
import { GroupedRows, type KeyTableGrouping } from './grouped-rows.tsx';

/** Below this many rows every row is rendered; above it only the visible window is. */
export const VIRTUALIZE_AFTER_ROWS = 60;

export type KeyTableProps = {
  rows: readonly KeyRowModel[];
  sort: KeySort;
  onSortChange: (sort: KeySort) => void;
  selectedIds: ReadonlySet<string>;
  onToggleSelected: (keyId: string) => void;
  /** Selects every shown key, or clears them when all are selected already. */
  onToggleAllShown: () => void;
  onOpenDetails: (key: AuditedKey) => void;
  onRevokeKey: (key: AuditedKey) => void;
  /** Set while revoking cannot be offered: why, as the disabled Revoke buttons' tooltip. */
  revokeUnavailableReason?: string | null;
  /** The key whose details are open, highlighted. */
  activeKeyId?: string | null;
  /** Compact rows: less padding, smaller type (the default for many keys). */
  density?: 'compact' | 'comfortable';
  /** Set in the grouped view: group header rows between the keys, which `rows` still lists (shown keys, for select-all). */
  grouping?: KeyTableGrouping | null;
};

/**
 * Every key in one semantic table. Each row's label is a button (its keyboard stop): ArrowUp/ArrowDown,
 * Home and End move between rows, Enter opens the details. With thousands of keys only the visible
 * rows exist in the DOM, between two spacer rows that keep the scrollbar honest.
 */
export function KeyTable(props: KeyTableProps) {
  const { rows, selectedIds } = props;
  // State, not a ref: the virtualizer needs the element, and an ancestor's ref is not yet set when
  // the rows' layout effects first run.
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null);
  const scrollToIndex = useRef<ScrollToIndex | null>(null);
  const { grouping } = props;
  const itemCount = grouping ? grouping.list.items.length : rows.length;
  const isVirtual = itemCount > VIRTUALIZE_AFTER_ROWS;
  const selectedShown = useMemo(() => countSelectedRows(rows, selectedIds), [rows, selectedIds]);

  const focusRow = useCallback(
    (index: number, attemptsLeft = 4) => {
      const button = scrollElement?.querySelector<HTMLElement>(`tr[data-row-index="${index}"] :is(.row-open, .group-toggle)`);
      if (button) return button.focus();
      if (attemptsLeft === 0) return;
      scrollToIndex.current?.(index);
      requestAnimationFrame(() => focusRow(index, attemptsLeft - 1));
    },
    [scrollElement],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const target = event.target as HTMLElement;
    const row = target.closest<HTMLTableRowElement>('tr[data-row-index]');
    if (!row || target.matches('input:not([type="checkbox"]), select, textarea')) return;
    const index = Number(row.dataset.rowIndex);
    const next = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: itemCount - 1 }[event.key];
    if (next !== undefined) {
      event.preventDefault();
      focusRow(Math.max(0, Math.min(itemCount - 1, next)));
    } else if (event.key === 'Enter' && target.matches('.row-open')) {
      event.preventDefault();
      const item = grouping ? grouping.list.items[index] : rows[index];
      if (item && 'key' in item) props.onOpenDetails(item.key);
    }
  };

  return (
    // Focusable so keyboard users can scroll it (WCAG 2.1.1); named so the focus stop makes sense.
    <div ref={setScrollElement} className="table-scroll" tabIndex={0} role="region" aria-label="API keys table">
      <table className={`key-table density-${props.density ?? 'comfortable'}`} aria-rowcount={isVirtual ? itemCount + 1 : undefined}>
        <caption className="visually-hidden">
          API keys ({rows.length}){grouping && ', grouped by exchange and account'}
        </caption>
        <colgroup>
          <col className="col-select" />
          {KEY_COLUMNS.map(([column]) => (
            <col key={column} className={`col-${column}`} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={isVirtual ? 1 : undefined}>
            <th scope="col" className="cell-select">
              <SelectAllCheckbox checked={rows.length > 0 && selectedShown === rows.length} indeterminate={selectedShown > 0 && selectedShown < rows.length} onChange={props.onToggleAllShown} />
            </th>
            {KEY_COLUMNS.map(([column, label]) => (
              <SortableHeader key={column} column={column} label={label} sort={props.sort} onSortChange={props.onSortChange} />
            ))}
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {grouping
            ? (!isVirtual || scrollElement) && <GroupedRows {...props} grouping={grouping} virtual={isVirtual && scrollElement ? { scrollElement, scrollToIndexRef: scrollToIndex } : null} />
            : isVirtual
            ? scrollElement && <VirtualRows {...props} scrollElement={scrollElement} scrollToIndexRef={scrollToIndex} />
            : rows.map((row, index) => (
                <KeyRow
                  key={row.key.id}
                  row={row}
                  rowIndex={index}
                  isSelected={selectedIds.has(row.key.id)}
                  isActive={row.key.id === props.activeKeyId}
                  onToggleSelected={props.onToggleSelected}
                  onOpenDetails={props.onOpenDetails}
                  onRevoke={props.onRevokeKey}
                  revokeUnavailableReason={props.revokeUnavailableReason ?? null}
                />
              ))}
        </tbody>
      </table>
    </div>
  );
}

function SelectAllCheckbox({ checked, indeterminate, onChange }: { checked: boolean; indeterminate: boolean; onChange: () => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return <input ref={ref} type="checkbox" aria-label="Select all shown keys" checked={checked} onChange={onChange} />;
}
