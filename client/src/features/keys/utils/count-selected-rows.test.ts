import { describe, expect, it } from 'vitest';
import { buildAuditedKey } from '../../../testing/fixtures.ts';
import { countSelectedRows } from './count-selected-rows.ts';
import { toKeyRows } from './key-row-model.ts';

const rows = toKeyRows(['a', 'b', 'c'].map((id) => buildAuditedKey({ id })), []);

describe(countSelectedRows.name, () => {
  it('counts the rows whose key is selected, ignoring selected keys not among them', () => {
    expect(countSelectedRows(rows, new Set(['a', 'c', 'gone']))).toBe(2);
  });

  it('is zero when nothing is selected', () => {
    expect(countSelectedRows(rows, new Set())).toBe(0);
  });
});
