import { useEffect, useSyncExternalStore } from 'react';

/** The keys on screen, as the key browser filtered them, and those filters in words: what "Keys on screen" exports. */
export type OnScreenKeys = { keyIds: readonly string[]; totalCount: number; description: string };

// One key browser is on screen at a time: it publishes here, and the export (a sibling in the toolbar) reads it.
let current: OnScreenKeys | null = null;
const listeners = new Set<() => void>();
const publish = (next: OnScreenKeys | null) => {
  current = next;
  for (const listener of listeners) listener();
};
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

export const useOnScreenKeys = (): OnScreenKeys | null => useSyncExternalStore(subscribe, () => current);

/** Keeps "on screen" in step with what the key browser shows; cleared when the browser goes away. */
export function usePublishOnScreenKeys(onScreen: OnScreenKeys): void {
  useEffect(() => publish(onScreen), [onScreen]);
  useEffect(() => () => publish(null), []);
}
