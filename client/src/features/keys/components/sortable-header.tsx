import { initialDirection } from '../utils/sort-key-rows.ts';
import type { KeySort, SortColumn } from '../utils/key-view-state.ts';

type SortableHeaderProps = { column: SortColumn; label: string; sort: KeySort; onSortChange: (sort: KeySort) => void };

/** A column header whose button sorts by it; a second press reverses the order. */
export function SortableHeader({ column, label, sort, onSortChange }: SortableHeaderProps) {
  const isActive = sort.column === column;
  const ariaSort = isActive ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined;
  const onClick = () =>
    onSortChange({ column, direction: isActive ? (sort.direction === 'asc' ? 'desc' : 'asc') : initialDirection(column) });
  return (
    <th scope="col" aria-sort={ariaSort} className={`head-${column}`}>
      <button type="button" className={`sort-button${isActive ? ' sort-active' : ''}`} onClick={onClick}>
        {label}
        <span className="sort-icon" aria-hidden="true">
          {isActive ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
