import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRoutes } from '@contract/api.ts';
import { callApi } from '../../../lib/api-client.ts';
import { historyQueryKeys } from './history-query-keys.ts';

export function getLatestRecordedRun() {
  return callApi(apiRoutes.getLatestRecordedRun);
}

/**
 * The last recorded run, read once when the dashboard opens: it stands in while the fresh audit streams
 * in, and is of no use after. Without history (unavailable, locked) it is simply absent: no retries.
 */
export function latestRecordedRunQueryOptions() {
  return queryOptions({ queryKey: historyQueryKeys.latestRun(), queryFn: getLatestRecordedRun, staleTime: Infinity, retry: false });
}

export function useLatestRecordedRun() {
  return useQuery(latestRecordedRunQueryOptions());
}
