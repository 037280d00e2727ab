import { createContext, useContext } from 'react';
import { formatAbsoluteTime, formatRelativeTime } from '../../../utils/format-relative-time.ts';

/**
 * Keys on screen as last read rather than as read now (their connection failed, or is not read yet), by id, with
 * when they were read. Set by the keys panel; read where a key is shown, so the rows need no extra prop.
 */
export const StaleKeysContext = createContext<ReadonlyMap<string, string>>(new Map());

export function useStaleSince(keyId: string): string | null {
  return useContext(StaleKeysContext).get(keyId) ?? null;
}

/** "stale · read 2 days ago", with the exact time on hover. */
export function StaleMark({ keyId }: { keyId: string }) {
  const since = useStaleSince(keyId);
  if (!since) return null;
  const at = new Date(since);
  return (
    <span className="badge badge-stale" title={`As last read ${formatAbsoluteTime(at)}: the audit could not read this key's connection now`}>
      stale · read {formatRelativeTime(at)}
    </span>
  );
}
