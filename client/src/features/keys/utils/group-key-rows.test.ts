import { describe, expect, it } from 'vitest';
import type { AuditedKey } from '@contract/audited-key.ts';
import type { Finding } from '@contract/finding.ts';
import { buildAuditedKey, buildConnectionResult, buildFinding } from '../../../testing/fixtures.ts';
import { DEFAULT_KEY_VIEW_STATE } from './key-view-state.ts';
import { toKeyRows } from './key-row-model.ts';
import { filterKeyRows } from './filter-key-rows.ts';
import { sortKeyRows } from './sort-key-rows.ts';
import { buildKeyGroupTree, flattenKeyGroups, isGroupHeader, type FlatGroupedList, type GroupedListItem } from './group-key-rows.ts';

const master = { kind: 'master', name: 'master' } as const;
const sub = (name: string) => ({ kind: 'sub', name }) as const;

function key(id: string, overrides: Partial<AuditedKey> = {}): AuditedKey {
  return buildAuditedKey({ id, label: id, account: sub('bots'), ...overrides });
}
const finding = (keyId: string, severity: Finding['severity'], accepted = false): Finding =>
  buildFinding({ keyId, severity, acceptance: accepted ? { reason: 'known', expiresAt: '2026-06-01T00:00:00.000Z' } : null });

/** Header rows as "level name shown/total worst", key rows as their label: what the table draws, in order. */
function describeItems(list: FlatGroupedList): string[] {
  return list.items.map((item: GroupedListItem) =>
    isGroupHeader(item)
      ? `${'#'.repeat(item.group.level)} ${item.group.name} ${item.shownCount}/${item.group.totalCount} ${item.group.worst ?? '-'}${item.isCollapsed ? ' collapsed' : ''}`
      : item.key.label,
  );
}

const keys = [
  key('kucoin-master', { account: master }),
  key('kucoin-bots-1'),
  key('kucoin-bots-2'),
  key('kucoin-tax', { account: sub('tax') }),
  key('okx-a', { exchange: 'okx', connectionId: 'conn-okx' }),
  key('okx-b', { exchange: 'okx', connectionId: 'conn-okx', account: sub('alpha') }),
];
const findings = [finding('kucoin-bots-2', 'high'), finding('kucoin-tax', 'medium'), finding('okx-b', 'critical'), finding('kucoin-master', 'critical', true)];
const connections = [buildConnectionResult(), buildConnectionResult({ connectionId: 'conn-okx', exchange: 'okx', label: 'OKX main' })];

function grouped(shownFilter = {}, collapsed: string[] = [], stale: string[] = []) {
  const rows = toKeyRows(keys, findings);
  const tree = buildKeyGroupTree(rows, connections, new Set(stale));
  const shown = filterKeyRows(sortKeyRows(rows, { column: 'label', direction: 'asc' }), { ...DEFAULT_KEY_VIEW_STATE, showAccepted: true, ...shownFilter });
  return { tree, list: flattenKeyGroups(tree, shown, new Set(collapsed)) };
}

describe(buildKeyGroupTree.name, () => {
  it('orders exchanges by worst open finding, the master account first, then sub-accounts worst first', () => {
    expect(describeItems(grouped().list)).toEqual([
      '# OKX 2/2 critical',
      '## alpha 1/1 critical',
      'okx-b',
      '## bots 1/1 -',
      'okx-a',
      '# KuCoin 4/4 high',
      '## Master 1/1 accepted',
      'kucoin-master',
      '## bots 2/2 high',
      'kucoin-bots-1',
      'kucoin-bots-2',
      '## tax 1/1 medium',
      'kucoin-tax',
    ]);
  });

  it('counts accounts per exchange and leaves accepted findings out of the worst severity', () => {
    const { tree } = grouped();
    const kucoin = tree.exchanges.find((group) => group.exchange === 'kucoin')!;
    expect(kucoin.accountCount).toBe(3);
    expect(kucoin.children.map((child) => child.kind)).toEqual(['account', 'account', 'account']);
    expect(kucoin.children[0]!.worst).toBe('accepted');
  });

  it('adds a connection level only for an exchange with more than one connection, each with its own master', () => {
    const rows = toKeyRows(
      [key('one-master', { account: master }), key('two-master', { account: master, connectionId: 'conn-2' }), key('two-bots', { connectionId: 'conn-2' })],
      [finding('two-bots', 'low')],
    );
    const tree = buildKeyGroupTree(rows, [buildConnectionResult(), buildConnectionResult({ connectionId: 'conn-2', label: 'KuCoin fund' })], new Set());
    expect(describeItems(flattenKeyGroups(tree, rows, new Set()))).toEqual([
      '# KuCoin 3/3 low',
      '## KuCoin fund 2/2 low',
      '### Master 1/1 -',
      'two-master',
      '### bots 1/1 low',
      'two-bots',
      '## KuCoin main 1/1 -',
      '### Master 1/1 -',
      'one-master',
    ]);
    expect(tree.exchanges[0]!.accountCount).toBe(2 + 1);
  });

  it('marks an exchange whose connection failed and counts its stale keys at every level', () => {
    const rows = toKeyRows(keys, findings);
    const failed = [connections[0]!, { ...connections[1]!, status: 'failed' as const }];
    const tree = buildKeyGroupTree(rows, failed, new Set(['okx-a', 'okx-b']));
    const okx = tree.exchanges.find((group) => group.exchange === 'okx')!;
    expect(okx).toMatchObject({ failedConnections: 1, partialConnections: 0, staleCount: 2 });
    expect(okx.children.map((account) => account.staleCount)).toEqual([1, 1]);
    expect(tree.exchanges.find((group) => group.exchange === 'kucoin')).toMatchObject({ failedConnections: 0, staleCount: 0 });
  });
});

describe(flattenKeyGroups.name, () => {
  it('shows shown of total keys under a filter, hides groups with none, and keeps the worst of every key', () => {
    expect(describeItems(grouped({ severity: 'high' }).list)).toEqual(['# KuCoin 1/4 high', '## bots 1/2 high', 'kucoin-bots-2']);
    expect(describeItems(grouped({ q: 'bots' }).list)).toEqual(['# OKX 1/2 critical', '## bots 1/1 -', 'okx-a', '# KuCoin 2/4 high', '## bots 2/2 high', 'kucoin-bots-1', 'kucoin-bots-2']);
  });

  it('keeps the sort order within each group', () => {
    const rows = toKeyRows(keys, findings);
    const tree = buildKeyGroupTree(rows, connections, new Set());
    const descending = flattenKeyGroups(tree, sortKeyRows(rows, { column: 'label', direction: 'desc' }), new Set());
    const bots = describeItems(descending).slice(describeItems(descending).indexOf('## bots 2/2 high') + 1, describeItems(descending).indexOf('## bots 2/2 high') + 3);
    expect(bots).toEqual(['kucoin-bots-2', 'kucoin-bots-1']);
  });

  it('draws a collapsed group as its header alone, with its counts and the range of its keys, under any filter', () => {
    const { list } = grouped({}, ['x:kucoin', 'a:conn-okx:sub:alpha']);
    expect(describeItems(list)).toEqual(['# OKX 2/2 critical', '## alpha 1/1 critical collapsed', '## bots 1/1 -', 'okx-a', '# KuCoin 4/4 high collapsed']);
    const kucoin = list.items.at(-1)!;
    if (!isGroupHeader(kucoin)) throw new Error('expected a header');
    expect(list.orderedRows.slice(kucoin.firstRow, kucoin.firstRow + kucoin.shownCount).map((row) => row.key.label)).toEqual(['kucoin-master', 'kucoin-bots-1', 'kucoin-bots-2', 'kucoin-tax']);
    expect(describeItems(grouped({ q: 'tax' }, ['x:kucoin']).list)).toEqual(['# KuCoin 1/4 high collapsed']);
  });

  it('gives header rows negative ids and key rows their row ids, and numbers siblings for assistive technology', () => {
    const { list } = grouped();
    list.items.forEach((item, at) => expect(list.itemIds[at]).toBe(isGroupHeader(item) ? -(item.group.ordinal + 1) : item.rowId));
    const headers = list.items.filter(isGroupHeader).filter((item) => item.group.level === 1);
    expect(headers.map((item) => [item.positionInSet, item.setSize])).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });

  it('is linear: 50,000 keys in 2,000 accounts flatten in a few milliseconds', () => {
    const many = Array.from({ length: 50_000 }, (_, at) => key(`k${at}`, { account: sub(`sub-${at % 2000}`) }));
    const rows = toKeyRows(many, []);
    const tree = buildKeyGroupTree(rows, connections, new Set());
    const collapsed = new Set(['a:conn-1:sub:sub-7']);
    // Best of a few runs (the first ones include compiling): one pass per keystroke takes a few ms; a pass per group
    // (O(keys × groups), 100 million steps here) would take seconds.
    const timings = Array.from({ length: 6 }, () => {
      const started = performance.now();
      flattenKeyGroups(tree, rows, collapsed);
      return performance.now() - started;
    });
    expect(flattenKeyGroups(tree, rows, collapsed).items.length).toBe(1 + 2000 + 50_000 - 25);
    expect(Math.min(...timings)).toBeLessThan(50);
  });
});
