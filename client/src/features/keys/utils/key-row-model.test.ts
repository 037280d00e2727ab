import { describe, expect, it } from 'vitest';
import { buildAuditedKey } from '../../../testing/fixtures.ts';
import { toKeyRows } from './key-row-model.ts';

describe(toKeyRows.name, () => {
  it('gives every row a distinct row id, also across audit runs of the same keys', () => {
    const keys = ['a', 'b', 'c'].map((id) => buildAuditedKey({ id }));
    const rowIds = [...toKeyRows(keys, []), ...toKeyRows(keys, [])].map((row) => row.rowId);
    expect(new Set(rowIds).size).toBe(6);
  });
});
