/**
 * Lays a text table out to a terminal's width: columns the reader can do without are dropped first (highest
 * `dropOrder` first), then the widest shrinkable columns give up characters down to their minimum, and cut cells
 * end in "…". Cells must already be printable (toPrintableText): width is counted in code points.
 */
export type ColumnSpec<Row> = {
  header: string;
  cell: (row: Row) => string;
  /** Widest the column gets even when there is room (longer cells are cut), unless the table is laid out wide. */
  maxWidth: number;
  /** Narrowest it may be shrunk to; equal to maxWidth for a column that is never cut (a severity, a date). */
  minWidth: number;
  /** null: never dropped. Otherwise columns go in descending order until the table fits. */
  dropOrder: number | null;
};

export type FittedTable = { lines: string[]; hidden: string[] };

const GAP = 2;
const length = (text: string) => [...text].length;

function cut(text: string, width: number): string {
  if (length(text) <= width) return text;
  return width <= 1 ? '…'.slice(0, width) : [...text].slice(0, width - 1).join('') + '…';
}

/** width undefined: no limit (stdout is not a terminal); wide: no column is dropped or cut. */
export function fitColumns<Row>(columns: readonly ColumnSpec<Row>[], rows: readonly Row[], options: { width?: number; wide?: boolean }): FittedTable {
  const cells = rows.map((row) => columns.map((column) => column.cell(row)));
  const natural = columns.map((column, index) => {
    const widest = Math.max(length(column.header), ...cells.map((row) => length(row[index])));
    return options.wide ? widest : Math.min(widest, Math.max(column.maxWidth, length(column.header)));
  });
  const shown = columns.map((_, index) => index);
  const widths = [...natural];
  const total = () => shown.reduce((sum, index) => sum + widths[index], 0) + GAP * (shown.length - 1);
  const limit = options.wide ? undefined : options.width;

  if (limit !== undefined) {
    const droppable = shown.filter((index) => columns[index].dropOrder !== null).sort((a, b) => columns[b].dropOrder! - columns[a].dropOrder!);
    // Cutting a few characters off long cells beats losing a column: drop only while trimming every shrinkable
    // column to three quarters of its width would still not make room.
    const gentleSlack = () => shown.reduce((sum, index) => sum + Math.max(0, widths[index] - Math.max(columns[index].minWidth, Math.ceil(natural[index] * 0.75))), 0);
    for (const index of droppable) {
      if (total() - gentleSlack() <= limit) break;
      shown.splice(shown.indexOf(index), 1);
    }
    // Shrink where the most would be left above the minimum, one character at a time, so columns give up room
    // in proportion to what they can spare rather than the widest losing everything first.
    while (total() > limit) {
      const spare = (index: number) => widths[index] - Math.min(natural[index], columns[index].minWidth);
      const giver = shown.filter((index) => spare(index) > 0).sort((a, b) => spare(b) - spare(a))[0];
      if (giver === undefined) break;
      widths[giver] -= 1;
    }
  }

  const line = (values: string[]) =>
    shown
      .map((index, position) => {
        const value = cut(values[index], widths[index]);
        return position === shown.length - 1 ? value : value + ' '.repeat(widths[index] - length(value));
      })
      .join(' '.repeat(GAP))
      .trimEnd();
  return {
    lines: [line(columns.map((column) => column.header)), ...cells.map(line)],
    hidden: columns.filter((_, index) => !shown.includes(index)).map((column) => column.header),
  };
}
