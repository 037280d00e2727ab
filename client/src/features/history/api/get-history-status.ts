import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRoutes } from '@contract/api.ts';
import { callApi } from '../../../lib/api-client.ts';
import { historyQueryKeys } from './history-query-keys.ts';

export function getHistoryStatus() {
  return callApi(apiRoutes.getHistoryStatus);
}

export function historyStatusQueryOptions() {
  return queryOptions({ queryKey: historyQueryKeys.status(), queryFn: getHistoryStatus });
}

export function useHistoryStatus() {
  return useQuery(historyStatusQueryOptions());
}
