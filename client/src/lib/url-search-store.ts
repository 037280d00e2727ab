import { useSyncExternalStore } from 'react';

/**
 * The query string as a tiny store: views and key filters live in `?…` so a view can be bookmarked.
 * The fragment is never rewritten here: `#t=` carries the launch token and belongs to the session code.
 */
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const readSearch = () => window.location.search;

export function useUrlSearch(): string {
  return useSyncExternalStore(subscribe, readSearch);
}

/**
 * One value read from the query string, e.g. the current view. The component re-renders only when
 * that value changes (compared with Object.is), not on every keystroke in a filter.
 */
export function useUrlSearchValue<T extends string | number | boolean | null>(read: (search: string) => T): T {
  return useSyncExternalStore(subscribe, () => read(window.location.search));
}

/**
 * Replaces the query string. `push` adds a history entry (Back undoes it); `replace` does not,
 * for changes made keystroke by keystroke.
 */
export function writeUrlSearch(params: URLSearchParams, mode: 'push' | 'replace'): void {
  // ':' and ',' are legal in a query string; left unescaped, `sort=created:desc` stays readable.
  const query = params.toString().replace(/%3A/gi, ':').replace(/%2C/gi, ',');
  const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
  if (url === window.location.pathname + window.location.search + window.location.hash) return;
  if (mode === 'push') window.history.pushState(window.history.state, '', url);
  else window.history.replaceState(window.history.state, '', url);
  for (const listener of listeners) listener();
}
