import { useUrlSearchValue, writeUrlSearch } from '../lib/url-search-store.ts';

export const VIEWS = ['keys', 'changes', 'accepted', 'connections', 'activity'] as const;
export type View = (typeof VIEWS)[number];

/**
 * The current view lives in `?view=`, never in the fragment: `#t=` carries the launch token and
 * must stay free for it.
 */
function readView(search: string): View {
  const value = new URLSearchParams(search).get('view');
  return VIEWS.find((view) => view === value) ?? 'keys';
}

export function viewHref(view: View): string {
  return view === 'keys' ? window.location.pathname : `${window.location.pathname}?view=${view}`;
}

/** Switching views drops the other view's query parameters (the key filters belong to the Keys view). */
export function navigateTo(view: View): void {
  writeUrlSearch(new URLSearchParams(view === 'keys' ? '' : { view }), 'push');
}

/** Re-renders only when the view changes: the whole app sits under it, and filters change the URL per keystroke. */
export function useView(): View {
  return useUrlSearchValue(readView);
}
