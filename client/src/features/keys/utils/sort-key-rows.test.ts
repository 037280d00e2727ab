import { describe, expect, it } from 'vitest';
import { buildAuditedKey, buildFinding } from '../../../testing/fixtures.ts';
import { toKeyRows } from './key-row-model.ts';
import { sortKeyRows } from './sort-key-rows.ts';
import { DEFAULT_SORT } from './key-view-state.ts';

const keys = [
  buildAuditedKey({ id: 'none', label: 'alpha', createdAt: '2025-05-01T00:00:00.000Z' }),
  buildAuditedKey({ id: 'medium', label: 'bravo', createdAt: null }),
  buildAuditedKey({ id: 'critical', label: 'charlie', createdAt: '2024-01-01T00:00:00.000Z' }),
  buildAuditedKey({ id: 'accepted', label: 'delta', createdAt: '2025-06-01T00:00:00.000Z' }),
  buildAuditedKey({ id: 'high', label: 'echo', createdAt: '2025-01-01T00:00:00.000Z' }),
];
const rows = toKeyRows(keys, [
  buildFinding({ keyId: 'medium', severity: 'medium' }),
  buildFinding({ keyId: 'critical', severity: 'critical' }),
  buildFinding({ keyId: 'critical', ruleId: 'old', severity: 'medium' }),
  buildFinding({ keyId: 'high', severity: 'high' }),
  buildFinding({ keyId: 'accepted', severity: 'critical', acceptance: { reason: 'r', expiresAt: '2099-01-01' } }),
]);
const order = (sort = DEFAULT_SORT) => sortKeyRows(rows, sort).map((row) => row.key.id);

describe(sortKeyRows.name, () => {
  it('puts the worst keys first by default, accepted-only just above keys without findings', () => {
    expect(order()).toEqual(['critical', 'high', 'medium', 'accepted', 'none']);
  });

  it('reverses on ascending severity', () => {
    expect(order({ column: 'severity', direction: 'asc' })).toEqual(['none', 'accepted', 'medium', 'high', 'critical']);
  });

  it('sorts by label either way', () => {
    expect(order({ column: 'label', direction: 'asc' })).toEqual(['none', 'medium', 'critical', 'accepted', 'high']);
    expect(order({ column: 'label', direction: 'desc' })).toEqual(['high', 'accepted', 'critical', 'medium', 'none']);
  });

  it('sorts by creation date with unknown dates last in both directions', () => {
    expect(order({ column: 'created', direction: 'desc' })).toEqual(['accepted', 'none', 'high', 'critical', 'medium']);
    expect(order({ column: 'created', direction: 'asc' })).toEqual(['critical', 'high', 'none', 'accepted', 'medium']);
  });

  it('leaves its input untouched', () => {
    const before = rows.map((row) => row.key.id);
    sortKeyRows(rows, { column: 'label', direction: 'desc' });
    expect(rows.map((row) => row.key.id)).toEqual(before);
  });
});
