import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes } from '@contract/api.ts';
import type { ConnectionReread } from '@contract/audit-events.ts';
import { callApi } from '../../../lib/api-client.ts';
import { applyConnectionRereadToAudit } from './get-audit.ts';

export function retryConnection(connectionId: string): Promise<ConnectionReread> {
  return callApi(apiRoutes.retryConnection, { params: { connectionId }, body: {} });
}

/** Reads one connection again and puts what it finds in place of its failure on screen, without auditing the others. */
export function useRetryConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (connectionId: string) => applyConnectionRereadToAudit(queryClient, await retryConnection(connectionId)),
  });
}
