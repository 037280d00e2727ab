import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRoutes, type Status } from '@contract/api.ts';
import { callApi } from '../../../lib/api-client.ts';

export const statusQueryKeys = {
  all: ['status'] as const,
};

export function getStatus(): Promise<Status> {
  return callApi(apiRoutes.getStatus);
}

export function statusQueryOptions() {
  return queryOptions({ queryKey: statusQueryKeys.all, queryFn: getStatus });
}

export function useStatus() {
  return useQuery(statusQueryOptions());
}
