import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRoutes } from '@contract/api.ts';
import { callApi } from '../../../lib/api-client.ts';
import { historyQueryKeys } from './history-query-keys.ts';

export async function getHistoryRuns() {
  return (await callApi(apiRoutes.listHistoryRuns)).runs;
}

/** Read again each time the Changes view opens: every audit adds a run. */
export function historyRunsQueryOptions() {
  return queryOptions({ queryKey: historyQueryKeys.runs(), queryFn: getHistoryRuns, refetchOnMount: 'always' });
}

export function useHistoryRuns({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...historyRunsQueryOptions(), enabled });
}
