import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRoutes, type HistoryChangesQuery } from '@contract/api.ts';
import { callApi } from '../../../lib/api-client.ts';
import { historyQueryKeys } from './history-query-keys.ts';

export function getHistoryChanges(query: HistoryChangesQuery) {
  return callApi(apiRoutes.getHistoryChanges, { query });
}

/** Two recorded runs never change, so their comparison is never stale; picking other runs keeps the last list on screen meanwhile. */
export function historyChangesQueryOptions(query: HistoryChangesQuery) {
  return queryOptions({ queryKey: historyQueryKeys.changes(query), queryFn: () => getHistoryChanges(query), staleTime: Infinity, placeholderData: keepPreviousData });
}

export function useHistoryChanges(query: HistoryChangesQuery, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...historyChangesQueryOptions(query), enabled });
}
