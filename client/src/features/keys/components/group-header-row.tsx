import { memo, useEffect, useMemo, useRef, type Ref } from 'react';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import { SeverityBadge } from '../../../components/severity-badge.tsx';
import type { GroupHeaderItem, KeyGroup } from '../utils/group-key-rows.ts';
import type { KeyRowModel } from '../utils/key-row-model.ts';
import { KEY_TABLE_COLUMN_COUNT } from './key-columns.ts';

type GroupHeaderRowProps = {
  item: GroupHeaderItem;
  /** Every shown row of the grouped list; this group's are `item.firstRow` on, `item.shownCount` of them. */
  orderedRows: readonly KeyRowModel[];
  /** Position in the drawn list: keyboard navigation moves by it. */
  rowIndex: number;
  /** Set only when virtualized: the row's position for assistive tech and the virtualizer. */
  virtualIndex?: number;
  selectedIds: ReadonlySet<string>;
  onToggleGroup: (groupId: string) => void;
  onToggleRowsSelected: (rows: readonly KeyRowModel[]) => void;
  ref?: Ref<HTMLTableRowElement>;
};

const numberFormat = new Intl.NumberFormat('en-US');
const plural = (count: number, word: string) => `${numberFormat.format(count)} ${word}${count === 1 ? '' : 's'}`;

/** "KuCoin", "Connection KuCoin fund", "Master account", "Sub-account grid bots": what the group is. */
export function groupTitle(group: KeyGroup): string {
  if (group.kind === 'exchange') return group.name;
  if (group.kind === 'connection') return `Connection ${group.name}`;
  return group.account?.kind === 'master' ? 'Master account' : `Sub-account ${group.name}`;
}

/** The title with where it is, for names that must stand alone (a checkbox's label, a button's). */
function groupDescription(group: KeyGroup): string {
  return group.kind === 'exchange' ? group.name : `${groupTitle(group)} on ${EXCHANGE_NAMES[group.exchange]}`;
}

/**
 * One group's header: a row whose one cell spans every column, with the group's expand/collapse button (its
 * keyboard stop, aria-expanded), its counts, its worst open finding as a badge with its word, and what the audit
 * could not read. The content stays in view (sticky) while the table scrolls sideways.
 */
export const GroupHeaderRow = memo(function GroupHeaderRow({ item, orderedRows, rowIndex, virtualIndex, selectedIds, onToggleGroup, onToggleRowsSelected, ref }: GroupHeaderRowProps) {
  const { group, shownCount, isCollapsed } = item;
  const { firstRow } = item;
  const selectedCount = useMemo(() => countSelectedInRange(orderedRows, firstRow, shownCount, selectedIds), [orderedRows, firstRow, shownCount, selectedIds]);
  // "3 of 12 keys" while the filters (or hidden accepted risks) leave some of the group's keys out.
  const keyCount = shownCount !== group.totalCount ? `${numberFormat.format(shownCount)} of ${plural(group.totalCount, 'key')}` : plural(group.totalCount, 'key');
  const description = groupDescription(group);
  return (
    <tr
      ref={ref}
      className={`group-row group-${group.kind} group-level-${group.level}`}
      data-row-index={rowIndex}
      data-group-id={group.id}
      data-index={virtualIndex}
      aria-rowindex={virtualIndex === undefined ? undefined : virtualIndex + 2}
    >
      <td colSpan={KEY_TABLE_COLUMN_COUNT} className="group-cell">
        <div className="group-head">
          <GroupCheckbox
            label={`Select the ${plural(shownCount, 'shown key')} of ${description}`}
            checked={selectedCount === shownCount}
            indeterminate={selectedCount > 0 && selectedCount < shownCount}
            onChange={() => onToggleRowsSelected(orderedRows.slice(firstRow, firstRow + shownCount))}
          />
          <button type="button" className="group-toggle" aria-expanded={!isCollapsed} onClick={() => onToggleGroup(group.id)}>
            <span className="group-caret" aria-hidden="true">
              {isCollapsed ? '▸' : '▾'}
            </span>
            {groupTitle(group)}
            {group.kind !== 'exchange' && <span className="visually-hidden"> on {EXCHANGE_NAMES[group.exchange]}</span>}
          </button>
          <span className="group-facts">
            {keyCount}
            {group.kind !== 'account' && <> · {plural(group.accountCount, 'account')}</>}
          </span>
          <span className="group-worst">
            worst <SeverityBadge level={group.worst} />
          </span>
          <GroupHealth group={group} />
        </div>
      </td>
    </tr>
  );
});

/** What the audit could not read now: a failed or partly read connection, and keys shown as last read. */
function GroupHealth({ group }: { group: KeyGroup }) {
  const problems = [
    group.failedConnections > 0 && (group.kind === 'connection' ? 'connection failed' : `${plural(group.failedConnections, 'connection')} failed`),
    group.partialConnections > 0 && (group.kind === 'connection' ? 'partly read' : `${plural(group.partialConnections, 'connection')} partly read`),
  ].filter(Boolean);
  return (
    <>
      {problems.length > 0 && (
        <span className="group-alert">
          <span aria-hidden="true">⚠ </span>
          {problems.join(', ')}
        </span>
      )}
      {group.staleCount > 0 && (
        <span className="badge badge-stale" title="Keys of a connection the audit could not read now, shown as last read">
          {numberFormat.format(group.staleCount)} stale
        </span>
      )}
    </>
  );
}

function GroupCheckbox({ label, checked, indeterminate, onChange }: { label: string; checked: boolean; indeterminate: boolean; onChange: () => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return <input ref={ref} type="checkbox" className="group-select" aria-label={label} checked={checked} onChange={onChange} />;
}

/** Nothing selected is the common case: no pass over the group's rows then. */
function countSelectedInRange(rows: readonly KeyRowModel[], first: number, count: number, selectedIds: ReadonlySet<string>): number {
  if (selectedIds.size === 0) return 0;
  let selected = 0;
  for (let at = first; at < first + count; at++) if (selectedIds.has(rows[at]!.key.id)) selected += 1;
  return selected;
}
