import { useQueries } from '@tanstack/react-query';
import { apiRoutes } from '@contract/api.ts';
import type { LastReadConnection } from '@contract/history.ts';
import { callApi } from '../../../lib/api-client.ts';
import { historyQueryKeys } from './history-query-keys.ts';

export function getLastReadConnection(connectionId: string) {
  return callApi(apiRoutes.getLastReadConnection, { params: { connectionId } });
}

/** Module-level, so the combined list keeps its identity while the answers do not change. */
function presentAnswers(results: readonly { data?: LastReadConnection | null }[]): LastReadConnection[] {
  return results.flatMap((result) => (result.data ? [result.data] : []));
}

/**
 * The keys each failed connection had when last read, from history: they stay on screen, marked stale, while the
 * connection fails. Without history (unavailable, locked) there are none: no retries, nothing to say.
 */
export function useLastReadConnections(connectionIds: readonly string[]): LastReadConnection[] {
  return useQueries({
    queries: connectionIds.map((connectionId) => ({
      queryKey: historyQueryKeys.lastRead(connectionId),
      queryFn: () => getLastReadConnection(connectionId),
      staleTime: Infinity,
      retry: false,
    })),
    combine: presentAnswers,
  });
}
