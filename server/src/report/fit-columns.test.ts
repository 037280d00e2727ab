import { describe, expect, it } from 'vitest';
import { fitColumns, type ColumnSpec } from './fit-columns.ts';

type Row = { risk: string; name: string; why: string; extra: string; date: string };
const COLUMNS: ColumnSpec<Row>[] = [
  { header: 'RISK', cell: (row) => row.risk, maxWidth: 8, minWidth: 8, dropOrder: null },
  { header: 'NAME', cell: (row) => row.name, maxWidth: 30, minWidth: 6, dropOrder: null },
  { header: 'WHY', cell: (row) => row.why, maxWidth: 40, minWidth: 12, dropOrder: null },
  { header: 'EXTRA', cell: (row) => row.extra, maxWidth: 30, minWidth: 10, dropOrder: 1 },
  { header: 'DATE', cell: (row) => row.date, maxWidth: 10, minWidth: 10, dropOrder: 2 },
];
const rows: Row[] = [
  { risk: 'critical', name: 'a-rather-long-account-name-here', why: 'Can withdraw from any IP address (+3)', extra: 'wallet,spot,withdrawal,futures', date: '2024-11-05' },
  { risk: 'high', name: 'bot', why: 'Can trade', extra: 'spot', date: '2026-01-01' },
];
const widest = (lines: string[]) => Math.max(...lines.map((line) => [...line].length));

describe(fitColumns.name, () => {
  it('shows every column whole, up to each maximum, when there is no width to fit', () => {
    const table = fitColumns(COLUMNS, rows, {});
    expect(table.hidden).toEqual([]);
    expect(table.lines[0].split(/\s{2,}/)).toEqual(['RISK', 'NAME', 'WHY', 'EXTRA', 'DATE']);
    expect(table.lines[1]).toContain('a-rather-long-account-name-he…');
  });

  it('drops the columns with the highest dropOrder first, then cuts, and never exceeds the width', () => {
    for (const width of [60, 80, 90]) {
      const table = fitColumns(COLUMNS, rows, { width });
      expect(widest(table.lines), `width ${width}`).toBeLessThanOrEqual(width);
      expect(table.lines[0]).toMatch(/^RISK +NAME +WHY/);
    }
    expect(fitColumns(COLUMNS, rows, { width: 60 }).hidden).toEqual(['EXTRA', 'DATE']);
    expect(fitColumns(COLUMNS, rows, { width: 90 }).hidden).toEqual(['DATE']);
  });

  it('cuts a few characters rather than dropping a column when that is enough', () => {
    const natural = widest(fitColumns(COLUMNS, rows, {}).lines);
    const table = fitColumns(COLUMNS, rows, { width: natural - 4 });
    expect(table.hidden).toEqual([]);
    expect(widest(table.lines)).toBeLessThanOrEqual(natural - 4);
  });

  it('shares the cut between shrinkable columns instead of emptying the widest', () => {
    const table = fitColumns(COLUMNS, rows, { width: 60 });
    const [, name, why] = table.lines[1].split(/\s{2,}/);
    expect([...why].length).toBeGreaterThan(12);
    expect([...name].length).toBeGreaterThan(6);
    expect(why.endsWith('…') || name.endsWith('…')).toBe(true);
  });

  it('wide: nothing dropped or cut, whatever the width', () => {
    const table = fitColumns(COLUMNS, rows, { width: 40, wide: true });
    expect(table.hidden).toEqual([]);
    expect(table.lines[1]).toContain('a-rather-long-account-name-here');
    expect(table.lines[1]).toContain('wallet,spot,withdrawal,futures');
  });
});
