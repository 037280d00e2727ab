import type { KeyRowModel } from './key-row-model.ts';

/** How many of `rows` are selected. Nothing selected is the common case: no pass over 50,000 rows then. */
export function countSelectedRows(rows: readonly KeyRowModel[], selectedIds: ReadonlySet<string>): number {
  if (selectedIds.size === 0) return 0;
  let count = 0;
  for (const row of rows) if (selectedIds.has(row.key.id)) count += 1;
  return count;
}
