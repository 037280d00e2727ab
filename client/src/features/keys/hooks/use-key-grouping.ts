import { useCallback, useContext, useMemo, useState } from 'react';
import type { ConnectionResult } from '@contract/audit-run.ts';
import { useUrlSearchValue, writeUrlSearch } from '../../../lib/url-search-store.ts';
import { StaleKeysContext } from '../components/stale-keys.tsx';
import { buildKeyGroupTree, flattenKeyGroups, type FlatGroupedList } from '../utils/group-key-rows.ts';
import type { KeyRowModel } from '../utils/key-row-model.ts';

const STORAGE_KEY = 'keyaudit.group';
const PARAM = 'group';

/** `?group=account` groups, `?group=none` does not; without it, what the user chose last in this browser. */
const readParam = (search: string): boolean | null => {
  const value = new URLSearchParams(search).get(PARAM);
  return value === 'account' ? true : value === 'none' ? false : null;
};

function readChosen(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'account';
  } catch {
    return false;
  }
}

/**
 * Whether the key table is grouped by exchange and account. A view preference like the row density: kept in this
 * browser, and in the URL so a shared link shows the same view. Switching replaces the URL entry rather than adding
 * one: Back undoes filters, not the way they are shown.
 */
export function useKeyGroupingChoice(): [boolean, (grouped: boolean) => void] {
  const fromUrl = useUrlSearchValue(readParam);
  const [chosen, setChosen] = useState(readChosen);
  const choose = useCallback((grouped: boolean) => {
    setChosen(grouped);
    try {
      localStorage.setItem(STORAGE_KEY, grouped ? 'account' : 'none');
    } catch {
      // Private mode without storage: the choice lasts as long as the page.
    }
    const params = new URLSearchParams(window.location.search);
    if (grouped) params.set(PARAM, 'account');
    else params.delete(PARAM);
    writeUrlSearch(params, 'replace');
  }, []);
  return [fromUrl ?? chosen, choose];
}

export type GroupedKeys = {
  list: FlatGroupedList;
  collapsed: ReadonlySet<string>;
  toggleGroup: (groupId: string) => void;
  collapseAll: () => void;
  expandAll: () => void;
};

/**
 * The grouped view's rows. The group tree is built once per audit run (one pass over every key); each filter, search
 * or sort change only re-flattens it, in one pass over the shown keys. Collapsed groups are remembered by id, so they
 * stay collapsed through filtering and a new audit run.
 */
export function useGroupedKeys(all: readonly KeyRowModel[], shown: readonly KeyRowModel[], connections: readonly ConnectionResult[], isGrouped: boolean): GroupedKeys | null {
  const stale = useContext(StaleKeysContext);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const tree = useMemo(() => (isGrouped ? buildKeyGroupTree(all, connections, stale) : null), [isGrouped, all, connections, stale]);
  const list = useMemo(() => tree && flattenKeyGroups(tree, shown, collapsed), [tree, shown, collapsed]);
  const toggleGroup = useCallback(
    (groupId: string) =>
      setCollapsed((previous) => {
        const next = new Set(previous);
        if (!next.delete(groupId)) next.add(groupId);
        return next;
      }),
    [],
  );
  const collapseAll = useCallback(() => setCollapsed(new Set(tree?.all.map((group) => group.id))), [tree]);
  const expandAll = useCallback(() => setCollapsed(new Set()), []);
  return useMemo(() => list && { list, collapsed, toggleGroup, collapseAll, expandAll }, [list, collapsed, toggleGroup, collapseAll, expandAll]);
}
