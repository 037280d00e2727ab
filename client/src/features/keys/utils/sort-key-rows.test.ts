import { describe, expect, it } from 'vitest';
import type { AuditedKey } from '@contract/audited-key.ts';
import type { Capability } from '@contract/capability.ts';
import { EXCHANGE_IDS } from '@contract/exchange-id.ts';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import { SEVERITIES } from '@contract/finding.ts';
import { buildAuditedKey, buildFinding } from '../../../testing/fixtures.ts';
import { dangerOf } from '../../../components/capability-danger.ts';
import { accountShortName } from '../../../utils/describe-account.ts';
import { SEVERITY_RANK } from '../../findings/utils/index-findings.ts';
import { toKeyRows, type KeyRowModel } from './key-row-model.ts';
import { createKeyRowSorter, sortKeyRows } from './sort-key-rows.ts';
import { DEFAULT_SORT, SORT_COLUMNS, type KeySort } from './key-view-state.ts';

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

  it('sorts by expiry and last use in date order, not by their wording, with unknown dates last', () => {
    const NOW = Date.parse('2026-11-01T00:00:00Z');
    const daysAgo = (days: number) => new Date(NOW - days * 86_400_000).toISOString();
    const dated = toKeyRows(
      [
        buildAuditedKey({ id: 'used-380', exchange: 'gate', lastUsedAt: daysAgo(380), expiresAt: daysAgo(-500) }),
        buildAuditedKey({ id: 'used-500', exchange: 'gate', lastUsedAt: daysAgo(500), expiresAt: daysAgo(-380) }),
        buildAuditedKey({ id: 'never-used', exchange: 'gate', lastUsedAt: null, expiresAt: null }),
        buildAuditedKey({ id: 'not-reported', exchange: 'kucoin', lastUsedAt: null, expiresAt: daysAgo(-3) }),
      ],
      [],
    );
    const by = (sort: KeySort) => sortKeyRows(dated, sort).map((row) => row.key.id);
    expect(by({ column: 'lastUsed', direction: 'asc' })).toEqual(['never-used', 'used-500', 'used-380', 'not-reported']);
    expect(by({ column: 'lastUsed', direction: 'desc' })).toEqual(['used-380', 'used-500', 'never-used', 'not-reported']);
    expect(by({ column: 'expires', direction: 'asc' })).toEqual(['not-reported', 'used-500', 'used-380', 'never-used']);
  });

  it('leaves its input untouched', () => {
    const before = rows.map((row) => row.key.id);
    sortKeyRows(rows, { column: 'label', direction: 'desc' });
    expect(rows.map((row) => row.key.id)).toEqual(before);
  });
});

/** Never used (where the exchange reports use) sorts as the longest unused; unreported is unknown. */
const lastUsedValue = (row: KeyRowModel) => (row.lastUsedMs ?? (row.reportsLastUse ? -Infinity : null));

/**
 * The order spelled out as one comparator per column (how the table sorted before it ranked values
 * up front): the sorter must produce exactly this order.
 */
function compareAsSpecified({ column, direction }: KeySort) {
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  const levelRank = (row: KeyRowModel) => (row.level === null ? 0 : row.level === 'accepted' ? 0.5 : SEVERITY_RANK[row.level]);
  const danger = (row: KeyRowModel) => ({ neutral: 0, elevated: 1, critical: 2 })[dangerOf(row.key.capabilities.map((c) => c.capability))];
  const whitelistRank = (row: KeyRowModel) =>
    row.hasNoWhitelist ? 0 : row.key.ipWhitelist === 'unknown' || row.key.ipWhitelist === null ? 1 : 1 + row.key.ipWhitelist.length;
  const severity = (a: KeyRowModel, b: KeyRowModel) => levelRank(a) - levelRank(b) || a.findings.open.length - b.findings.open.length;
  const ascending: Record<KeySort['column'], (a: KeyRowModel, b: KeyRowModel) => number> = {
    severity,
    exchange: (a, b) => collator.compare(EXCHANGE_NAMES[a.key.exchange], EXCHANGE_NAMES[b.key.exchange]),
    account: (a, b) => collator.compare(accountShortName(a.key.account), accountShortName(b.key.account)),
    label: (a, b) => collator.compare(a.key.label, b.key.label),
    key: (a, b) => collator.compare(a.key.apiKey, b.key.apiKey),
    permissions: (a, b) => danger(a) - danger(b) || a.key.capabilities.length - b.key.capabilities.length,
    whitelist: (a, b) => whitelistRank(a) - whitelistRank(b),
    created: (a, b) => (a.key.createdAt === null || b.key.createdAt === null ? 0 : Date.parse(a.key.createdAt) - Date.parse(b.key.createdAt)),
    expires: (a, b) => (a.expiresMs === null || b.expiresMs === null ? 0 : a.expiresMs - b.expiresMs),
    lastUsed: (a, b) => (lastUsedValue(a) === null || lastUsedValue(b) === null ? 0 : lastUsedValue(a)! - lastUsedValue(b)!),
    revoke: (a, b) => Number(a.key.revocability.canRevoke) - Number(b.key.revocability.canRevoke),
  };
  const sign = direction === 'asc' ? 1 : -1;
  const nullable = { created: (row: KeyRowModel) => row.key.createdAt, expires: (row: KeyRowModel) => row.expiresMs, lastUsed: lastUsedValue }[column as 'created'];
  const nullsLast = (a: KeyRowModel, b: KeyRowModel) => (nullable ? Number(nullable(a) === null) - Number(nullable(b) === null) : 0);
  return (a: KeyRowModel, b: KeyRowModel) =>
    nullsLast(a, b) ||
    sign * ascending[column](a, b) ||
    -severity(a, b) ||
    collator.compare(a.key.label, b.key.label) ||
    (a.key.id < b.key.id ? -1 : a.key.id > b.key.id ? 1 : 0);
}

/** Many keys sharing labels (in different cases), accounts, dates and findings, so ties are common. */
function randomRows(count: number, seed: number): KeyRowModel[] {
  let state = seed;
  const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pick = <T,>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const capabilities: Capability[] = ['read', 'trade-spot', 'withdraw', 'transfer-internal', 'earn'];
  const labels = ['bot 2', 'Bot 10', 'bot 10', 'tax-export', 'Tax-Export', '', 'café', 'cafe', 'grid_9', 'grid_10'];
  const keys: AuditedKey[] = Array.from({ length: count }, (_, index) =>
    buildAuditedKey({
      id: `k${Math.floor(random() * 1e9).toString(36)}-${index}`,
      exchange: pick(EXCHANGE_IDS),
      account: random() < 0.2 ? { kind: 'master', name: 'master' } : { kind: 'sub', name: pick(['sub-0001', 'sub-10', 'sub-9', 'Alpha', 'alpha']) },
      label: pick(labels),
      apiKey: pick(['0a1b', '0A1B', '9f', '10f', 'ab12', 'ab2']) + String(Math.floor(random() * 5)),
      capabilities: capabilities.filter(() => random() < 0.4).map((capability) => ({ capability, from: capability, isUncertain: false })),
      ipWhitelist: pick([null, 'unknown', [], ['0.0.0.0/0'], ['203.0.113.7'], ['203.0.113.7', '198.51.100.1']] as const) as AuditedKey['ipWhitelist'],
      createdAt: pick([null, '2024-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', '2025-06-01T12:00:00.000Z']),
      revocability: { canRevoke: random() < 0.5, how: 'api', reason: '', manageUrl: 'https://example.com' },
    }),
  );
  const findings = keys.flatMap((key) =>
    Array.from({ length: Math.floor(random() * 3) }, (_, index) =>
      buildFinding({ keyId: key.id, ruleId: `rule-${index}`, severity: pick(SEVERITIES), acceptance: random() < 0.2 ? { reason: 'r', expiresAt: '2099-01-01' } : null }),
    ),
  );
  return toKeyRows(keys, findings);
}

describe(createKeyRowSorter.name, () => {
  const rows = randomRows(400, 42);
  const { sort } = createKeyRowSorter(rows);

  it('orders every column, both ways, exactly as the specified comparison does', () => {
    for (const column of SORT_COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        const expected = [...rows].sort(compareAsSpecified({ column, direction })).map((row) => row.key.id);
        const order = Array.from(sort({ column, direction }), (index) => rows[index]!.key.id);
        expect({ column, direction, order }).toEqual({ column, direction, order: expected });
      }
    }
  });

  it('gives the same order on repeated use as a fresh sorter', () => {
    const again = sort({ column: 'account', direction: 'desc' });
    expect(again).toEqual(createKeyRowSorter(rows).sort({ column: 'account', direction: 'desc' }));
  });

  it('sorts the same after a column was prepared ahead', () => {
    const fresh = createKeyRowSorter(rows);
    fresh.prepare('key');
    expect(fresh.sort({ column: 'key', direction: 'asc' })).toEqual(sort({ column: 'key', direction: 'asc' }));
  });

  it('sorts no rows', () => {
    expect(createKeyRowSorter([]).sort(DEFAULT_SORT)).toEqual(new Int32Array(0));
  });
});
