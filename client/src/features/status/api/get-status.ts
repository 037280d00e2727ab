import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRoutes, type Status } from '@contract/api.ts';
import { callApi } from '../../../lib/api-client.ts';

export const statusQueryKeys = {
  all: ['status'] as const,
};

export function getStatus(): Promise<Status> {
  return callApi(apiRoutes.getStatus);
}

/**
 * Asked again when the page comes back into view: the user may have run `keyaudit add` or `passwd` in a terminal
 * meanwhile, and the answer says what changed (or why the vault is locked now).
 */
export function statusQueryOptions() {
  return queryOptions({ queryKey: statusQueryKeys.all, queryFn: getStatus, refetchOnWindowFocus: true });
}

export function useStatus() {
  return useQuery(statusQueryOptions());
}
