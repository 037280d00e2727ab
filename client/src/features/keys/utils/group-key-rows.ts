import type { AccountRef } from '@contract/audited-key.ts';
import type { ConnectionResult } from '@contract/audit-run.ts';
import type { ExchangeId } from '@contract/exchange-id.ts';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import type { SeverityLevel } from '../../../components/severity-badge.tsx';
import { SEVERITY_RANK } from '../../findings/utils/index-findings.ts';
import { accountShortName } from '../../../utils/describe-account.ts';
import type { KeyRowModel } from './key-row-model.ts';

/**
 * The grouped view's levels: exchange, then connection, then account (master first, then sub-accounts).
 * The connection level appears only where an exchange has more than one connection: a master account is
 * what one connection's credential sees, so two connections to one exchange are two masters (or two views
 * of the same one), and merging their accounts by name would mix keys read through different credentials.
 */
export type KeyGroupKind = 'exchange' | 'connection' | 'account';

export type KeyGroup = {
  /** Stable across audit runs and filters: what a collapsed group is remembered by. */
  id: string;
  kind: KeyGroupKind;
  /** 1 exchange, 2 connection or account, 3 account under a connection. */
  level: number;
  exchange: ExchangeId;
  /** The exchange's name, the connection's label, or "Master" / the sub-account's name. */
  name: string;
  /** Set on account groups. */
  account: AccountRef | null;
  connectionId: string | null;
  /** Every key of the group, whatever the filters. */
  totalCount: number;
  /** Worst open finding over every key of the group ('accepted' when only accepted ones remain): filters do not change it. */
  worst: SeverityLevel;
  /** Accounts in the group (1 for an account group). */
  accountCount: number;
  /** Keys shown as last read because their connection failed now. */
  staleCount: number;
  /** Connections of the group the audit could not read completely: failed ones first, then partial ones. */
  failedConnections: number;
  partialConnections: number;
  children: KeyGroup[];
  /** Dense number among every group of the tree: the virtual list's key for the header row. */
  ordinal: number;
};

export type KeyGroupTree = {
  exchanges: readonly KeyGroup[];
  /** Every group, in display order (depth first). */
  all: readonly KeyGroup[];
  /** Account groups by dense index, in display order. */
  accounts: readonly KeyGroup[];
  /** The account group of each row, at `rowId - baseRowId` (row ids of one run are consecutive; -1 elsewhere). */
  accountOfRow: Int32Array;
  baseRowId: number;
};

type Bucket = { group: KeyGroup; rank: number; subBuckets: Map<string, Bucket> };

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Accepted-only sorts just above no findings, as in the Severity column. */
function levelRank(level: SeverityLevel): number {
  if (level === null) return 0;
  return level === 'accepted' ? 0.5 : SEVERITY_RANK[level];
}

function newGroup(kind: KeyGroupKind, id: string, exchange: ExchangeId, name: string, extra: Partial<KeyGroup> = {}): KeyGroup {
  return {
    id,
    kind,
    level: 1,
    exchange,
    name,
    account: null,
    connectionId: null,
    totalCount: 0,
    worst: null,
    accountCount: 0,
    staleCount: 0,
    failedConnections: 0,
    partialConnections: 0,
    children: [],
    ordinal: 0,
    ...extra,
  };
}

/**
 * The group tree of one set of rows, in one pass over them (plus sorting the groups, far fewer than the rows).
 * Built once per audit run; the filters and sort then only flatten it (flattenKeyGroups). Groups are ordered
 * worst first, then by name; within a connection the master account comes first. Those orders use every key,
 * not the filtered ones, so groups do not jump around while a search is typed.
 */
export function buildKeyGroupTree(rows: readonly KeyRowModel[], connections: readonly ConnectionResult[], staleKeyIds: { has(keyId: string): boolean }): KeyGroupTree {
  const exchangeBuckets = new Map<ExchangeId, Bucket>();
  const connectionCount = new Map<ExchangeId, Set<string>>();
  for (const row of rows) {
    const ids = connectionCount.get(row.key.exchange) ?? new Set();
    ids.add(row.key.connectionId);
    connectionCount.set(row.key.exchange, ids);
  }
  const statusOf = new Map(connections.map((connection) => [connection.connectionId, connection]));

  let minRowId = Infinity;
  let maxRowId = -Infinity;
  const accountBucketOfRow: Bucket[] = new Array(rows.length);
  rows.forEach((row, at) => {
    const { exchange, connectionId, account } = row.key;
    let exchangeBucket = exchangeBuckets.get(exchange);
    if (!exchangeBucket) exchangeBuckets.set(exchange, (exchangeBucket = { group: newGroup('exchange', `x:${exchange}`, exchange, EXCHANGE_NAMES[exchange]), rank: 0, subBuckets: new Map() }));
    const path = [exchangeBucket];
    let parent = exchangeBucket;
    if (connectionCount.get(exchange)!.size > 1) {
      let connectionBucket = parent.subBuckets.get(connectionId);
      if (!connectionBucket) {
        const label = statusOf.get(connectionId)?.label ?? connectionId;
        parent.subBuckets.set(connectionId, (connectionBucket = { group: newGroup('connection', `c:${connectionId}`, exchange, label, { level: 2, connectionId }), rank: 0, subBuckets: new Map() }));
      }
      path.push(connectionBucket);
      parent = connectionBucket;
    }
    const accountValue = row.accountValue;
    let accountBucket = parent.subBuckets.get(accountValue);
    if (!accountBucket) {
      const group = newGroup('account', `a:${connectionId}:${accountValue}`, exchange, accountShortName(account), { level: parent.group.level + 1, account, connectionId, accountCount: 1 });
      parent.subBuckets.set(accountValue, (accountBucket = { group, rank: 0, subBuckets: new Map() }));
      for (const above of path) above.group.accountCount += 1;
    }
    path.push(accountBucket);
    const isStale = staleKeyIds.has(row.key.id);
    const rank = levelRank(row.level);
    for (const bucket of path) {
      bucket.group.totalCount += 1;
      if (isStale) bucket.group.staleCount += 1;
      if (rank > bucket.rank) {
        bucket.rank = rank;
        bucket.group.worst = row.level;
      }
    }
    accountBucketOfRow[at] = accountBucket;
    if (row.rowId < minRowId) minRowId = row.rowId;
    if (row.rowId > maxRowId) maxRowId = row.rowId;
  });

  // Connection health, where the audit could not read everything: on each connection group and its exchange.
  for (const connection of connections) {
    const exchangeBucket = exchangeBuckets.get(connection.exchange);
    if (!exchangeBucket || connection.status === 'ok') continue;
    const field = connection.status === 'failed' ? 'failedConnections' : 'partialConnections';
    exchangeBucket.group[field] += 1;
    const connectionBucket = exchangeBucket.subBuckets.get(connection.connectionId);
    if (connectionBucket?.group.kind === 'connection') connectionBucket.group[field] += 1;
  }

  const byWorstThenName = (a: Bucket, b: Bucket) => b.rank - a.rank || collator.compare(a.group.name, b.group.name);
  const accountOrder = (a: Bucket, b: Bucket) => Number(b.group.account?.kind === 'master') - Number(a.group.account?.kind === 'master') || byWorstThenName(a, b);
  const all: KeyGroup[] = [];
  const accounts: KeyGroup[] = [];
  const accountIndex = new Map<Bucket, number>();
  const place = (bucket: Bucket): KeyGroup => {
    const { group } = bucket;
    group.ordinal = all.length;
    all.push(group);
    if (group.kind === 'account') {
      accountIndex.set(bucket, accounts.length);
      accounts.push(group);
      return group;
    }
    const children = [...bucket.subBuckets.values()];
    const isAccountLevel = children[0]?.group.kind === 'account';
    group.children = children.sort(isAccountLevel ? accountOrder : byWorstThenName).map(place);
    return group;
  };
  const exchanges = [...exchangeBuckets.values()].sort(byWorstThenName).map(place);

  const baseRowId = rows.length === 0 ? 0 : minRowId;
  const accountOfRow = new Int32Array(rows.length === 0 ? 0 : maxRowId - minRowId + 1).fill(-1);
  rows.forEach((row, at) => (accountOfRow[row.rowId - baseRowId] = accountIndex.get(accountBucketOfRow[at]!)!));
  return { exchanges, all, accounts, accountOfRow, baseRowId };
}

/** One group's header row in the flat list. */
export type GroupHeaderItem = {
  kind: 'group';
  group: KeyGroup;
  /** Keys of the group the filters let through. */
  shownCount: number;
  isCollapsed: boolean;
  /** The group's shown keys are `orderedRows.slice(firstRow, firstRow + shownCount)`, collapsed or not. */
  firstRow: number;
  /** Position among its shown siblings (1-based) and how many there are, for assistive technology. */
  positionInSet: number;
  setSize: number;
};

export type GroupedListItem = GroupHeaderItem | KeyRowModel;

export type FlatGroupedList = {
  /** Header rows and the key rows of expanded groups, in display order. */
  items: GroupedListItem[];
  /** Per item: the key row's rowId, or -(ordinal + 1) for a header row. The virtualizer keys row heights by it. */
  itemIds: Int32Array;
  /** Every shown row, grouped (each group's rows contiguous, in the sort order given), collapsed groups included. */
  orderedRows: KeyRowModel[];
};

export const isGroupHeader = (item: GroupedListItem): item is GroupHeaderItem => 'kind' in item && item.kind === 'group';

/**
 * The rows to draw for the grouped view: `shown` (already filtered and sorted) split into the tree's account
 * groups by a counting pass (so the sort order holds within each group), then the tree walked once. Linear in
 * the shown rows plus the groups; groups with no shown key are left out; a collapsed group keeps its header.
 */
export function flattenKeyGroups(tree: KeyGroupTree, shown: readonly KeyRowModel[], collapsed: ReadonlySet<string>): FlatGroupedList {
  const { accountOfRow, baseRowId } = tree;
  const accountCount = tree.accounts.length;
  const starts = new Int32Array(accountCount + 1);
  // Each row object is read once (reading 50,000 of them scattered in memory is the slow part); the rest is typed arrays.
  const groupOfShown = new Int32Array(shown.length);
  const rowIdOfShown = new Int32Array(shown.length);
  for (let at = 0; at < shown.length; at++) {
    const rowId = shown[at]!.rowId;
    const group = accountOfRow[rowId - baseRowId] ?? -1;
    groupOfShown[at] = group;
    rowIdOfShown[at] = rowId;
    if (group >= 0) starts[group + 1]! += 1;
  }
  for (let group = 1; group <= accountCount; group++) starts[group]! += starts[group - 1]!;
  const next = starts.slice(0, accountCount);
  const orderedRows: KeyRowModel[] = new Array(starts[accountCount]!);
  const orderedRowIds = new Int32Array(starts[accountCount]!);
  for (let at = 0; at < shown.length; at++) {
    const group = groupOfShown[at]!;
    if (group < 0) continue;
    const position = next[group]!++;
    orderedRows[position] = shown[at]!;
    orderedRowIds[position] = rowIdOfShown[at]!;
  }

  const items: GroupedListItem[] = [];
  const itemIds = new Int32Array(orderedRows.length + tree.all.length);
  // Each group's shown keys as a range of orderedRows: accounts are numbered in display order, so a group's
  // accounts, and so its rows, are contiguous. Ranges first, so the drawing walk can skip collapsed subtrees whole.
  const ranges = new Map<KeyGroup, { first: number; count: number }>();
  let accountAt = 0;
  const record = (group: KeyGroup) => {
    if (group.kind === 'account') {
      const index = accountAt++;
      ranges.set(group, { first: starts[index]!, count: starts[index + 1]! - starts[index]! });
      return;
    }
    for (const child of group.children) record(child);
    ranges.set(group, { first: ranges.get(group.children[0]!)!.first, count: group.children.reduce((sum, child) => sum + ranges.get(child)!.count, 0) });
  };
  for (const exchange of tree.exchanges) record(exchange);

  const draw = (siblings: readonly KeyGroup[]) => {
    const visible = siblings.filter((group) => ranges.get(group)!.count > 0);
    visible.forEach((group, position) => {
      const { first, count } = ranges.get(group)!;
      const isCollapsed = collapsed.has(group.id);
      itemIds[items.length] = -(group.ordinal + 1);
      items.push({ kind: 'group', group, shownCount: count, isCollapsed, firstRow: first, positionInSet: position + 1, setSize: visible.length });
      if (isCollapsed) return;
      if (group.kind !== 'account') return draw(group.children);
      itemIds.set(orderedRowIds.subarray(first, first + count), items.length);
      for (let at = first; at < first + count; at++) items.push(orderedRows[at]!);
    });
  };
  draw(tree.exchanges);
  return { items, itemIds: itemIds.slice(0, items.length), orderedRows };
}
