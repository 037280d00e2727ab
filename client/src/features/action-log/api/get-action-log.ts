import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRoutes } from '@contract/api.ts';
import { callApi } from '../../../lib/api-client.ts';

export const actionLogQueryKeys = {
  all: ['action-log'] as const,
};

export function getActionLog() {
  return callApi(apiRoutes.getActionLog);
}

/** Read again every time the Activity view opens: revokes and edits elsewhere append to it. */
export function actionLogQueryOptions() {
  return queryOptions({ queryKey: actionLogQueryKeys.all, queryFn: getActionLog, refetchOnMount: 'always' });
}

export function useActionLog() {
  return useQuery(actionLogQueryOptions());
}
