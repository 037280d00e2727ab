import type { MouseEvent } from 'react';
import { writeUrlSearch } from './url-search-store.ts';

/**
 * A link's `?…` applied within the page, so the audit on screen is kept (a page load would audit every exchange again);
 * Ctrl/Cmd/Shift-click and middle-click still open a new tab or window as usual.
 */
export function openInPage(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  writeUrlSearch(new URL(event.currentTarget.href).searchParams, 'push');
}
