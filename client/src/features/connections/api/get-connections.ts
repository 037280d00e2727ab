import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRoutes } from '@contract/api.ts';
import { callApi } from '../../../lib/api-client.ts';

export const connectionQueryKeys = {
  all: ['connections'] as const,
  list: () => [...connectionQueryKeys.all, 'list'] as const,
};

export function getConnections() {
  return callApi(apiRoutes.listConnections);
}

export function connectionsQueryOptions() {
  return queryOptions({ queryKey: connectionQueryKeys.list(), queryFn: getConnections, select: (data) => data.connections });
}

export function useConnections() {
  return useQuery(connectionsQueryOptions());
}
