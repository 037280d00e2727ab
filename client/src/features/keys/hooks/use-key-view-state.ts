import { useCallback, useMemo } from 'react';
import { useUrlSearch, writeUrlSearch } from '../../../lib/url-search-store.ts';
import { parseKeyViewState, toSearchParams, type KeyViewState } from '../utils/key-view-state.ts';

export type UpdateKeyViewState = (patch: Partial<KeyViewState>) => void;

/**
 * Filters, search and sort, read from and written to the query string. Filter and sort changes add a
 * history entry (Back undoes them); typing in the search box replaces the current one.
 */
export function useKeyViewState(): [KeyViewState, UpdateKeyViewState] {
  const search = useUrlSearch();
  const state = useMemo(() => parseKeyViewState(search), [search]);
  const update = useCallback<UpdateKeyViewState>((patch) => {
    const current = parseKeyViewState(window.location.search);
    const mode = Object.keys(patch).every((name) => name === 'q') ? 'replace' : 'push';
    writeUrlSearch(toSearchParams({ ...current, ...patch }, window.location.search), mode);
  }, []);
  return [state, update];
}
