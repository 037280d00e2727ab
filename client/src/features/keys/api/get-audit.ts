import { queryOptions, useQuery, type QueryClient, type QueryKey } from '@tanstack/react-query';
import type { AuditEvent, ConnectionReread, RunDelta } from '@contract/audit-events.ts';
import { applyDeltaToView, applyEventsToView, applyRereadToView, EMPTY_AUDIT_VIEW, type AuditView } from './audit-view.ts';
import { streamAuditEvents } from './stream-audit-events.ts';

export const auditQueryKeys = {
  all: ['audit'] as const,
  latest: () => [...auditQueryKeys.all, 'latest'] as const,
};

/**
 * Events are applied to the cache at most every AUDIT_CACHE_FLUSH_MS (the first at once), and never
 * sooner than twice the time the last application kept the page busy: each one rebuilds the table, at
 * a cost that grows with its keys, so with 50,000 keys the page still has time for the user (and for
 * reading the stream) instead of falling behind it.
 */
export const AUDIT_CACHE_FLUSH_MS = 250;
const IDLE_PER_BUSY = 2;

/**
 * Streams the audit into its cache entry as it is read: joins the run in flight or starts one (the
 * server decides), and resolves once the run is finished. While it streams the query is fetching and
 * its data grows; a Refresh streams a fresh run beside the last complete one.
 */
export async function streamAuditIntoCache(client: QueryClient, queryKey: QueryKey, signal: AbortSignal): Promise<AuditView> {
  let pending: AuditEvent[] = [];
  let lastFlushAt = -Infinity;
  let lastBusyMs = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    lastFlushAt = performance.now();
    if (pending.length === 0 || signal.aborted) return;
    const events = pending;
    pending = [];
    const startedAt = performance.now();
    client.setQueryData<AuditView>(queryKey, (view = EMPTY_AUDIT_VIEW) => applyEventsToView(view, events));
    // Observers re-render in the task TanStack schedules for them; the inner timeout runs after it.
    setTimeout(() => setTimeout(() => (lastBusyMs = performance.now() - startedAt)));
  };
  try {
    for await (const event of streamAuditEvents({ signal })) {
      pending.push(event);
      const waitMs = lastFlushAt + Math.max(AUDIT_CACHE_FLUSH_MS, (1 + IDLE_PER_BUSY) * lastBusyMs) - performance.now();
      if (waitMs <= 0) flush();
      else timer ??= setTimeout(flush, waitMs);
    }
  } finally {
    // What was read before a failure still shows, beside the error.
    flush();
  }
  return client.getQueryData<AuditView>(queryKey) ?? EMPTY_AUDIT_VIEW;
}

/**
 * Never stale: an audit is expensive and rate-limited by the exchanges, so it reruns only when
 * something invalidates it (a new connection, an accepted risk) or the user presses Refresh. A revoke
 * does not: it applies the re-read account it answers with.
 */
export function auditQueryOptions() {
  return queryOptions({
    queryKey: auditQueryKeys.latest(),
    queryFn: ({ client, queryKey, signal }) => streamAuditIntoCache(client, queryKey, signal),
    staleTime: Infinity,
    // The view is immutable and already shares what did not change; comparing it deeply would only copy it.
    structuralSharing: false,
  });
}

export function useAudit() {
  return useQuery(auditQueryOptions());
}

/** Applies what an action on keys changed to the audit on screen, instead of auditing again. */
export function applyRunDeltaToAudit(client: QueryClient, delta: RunDelta): void {
  client.setQueryData<AuditView>(auditQueryKeys.latest(), (view) => view && applyDeltaToView(view, delta));
}

/** Applies a connection read again on its own (a Retry) to the audit on screen. */
export function applyConnectionRereadToAudit(client: QueryClient, reread: ConnectionReread): void {
  client.setQueryData<AuditView>(auditQueryKeys.latest(), (view) => view && applyRereadToView(view, reread));
}
