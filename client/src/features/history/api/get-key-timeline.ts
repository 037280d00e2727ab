import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRoutes } from '@contract/api.ts';
import { callApi } from '../../../lib/api-client.ts';
import { historyQueryKeys } from './history-query-keys.ts';

export async function getKeyTimeline(keyId: string) {
  return (await callApi(apiRoutes.getKeyTimeline, { params: { keyId } })).timeline;
}

/** Read when a key's details open: a run recorded since may have added to it. */
export function keyTimelineQueryOptions(keyId: string) {
  return queryOptions({ queryKey: historyQueryKeys.keyTimeline(keyId), queryFn: () => getKeyTimeline(keyId), refetchOnMount: 'always' });
}

export function useKeyTimeline(keyId: string) {
  return useQuery(keyTimelineQueryOptions(keyId));
}
