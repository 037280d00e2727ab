import type { Change } from '@contract/history.ts';

/**
 * The Keys view narrowed to the change's key and its details open (`key=`), or null when there is no key
 * to show: a change of a whole connection, or a key that is gone.
 */
export function keyHref(change: Change, pathname = window.location.pathname): string | null {
  if (change.keyId === null || change.account === null || change.kind === 'key-removed') return null;
  const params = new URLSearchParams({
    exchange: change.exchange,
    account: change.account.kind === 'master' ? 'master' : `sub:${change.account.name}`,
    key: change.keyId,
  });
  return `${pathname}?${params.toString().replace(/%3A/gi, ':')}`;
}
