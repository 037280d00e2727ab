import { useSyncExternalStore } from 'react';

export const VIEWS = ['keys', 'connections', 'activity'] as const;
export type View = (typeof VIEWS)[number];

/**
 * The current view lives in `?view=`, never in the fragment: `#t=` carries the launch token and
 * must stay free for it.
 */
function readView(): View {
  const value = new URLSearchParams(window.location.search).get('view');
  return VIEWS.find((view) => view === value) ?? 'keys';
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function viewHref(view: View): string {
  return view === 'keys' ? window.location.pathname : `${window.location.pathname}?view=${view}`;
}

export function navigateTo(view: View): void {
  window.history.pushState(null, '', viewHref(view));
  for (const listener of listeners) listener();
}

export function useView(): View {
  return useSyncExternalStore(subscribe, readView);
}
