import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes } from '@contract/api.ts';
import { callApi } from '../../../lib/api-client.ts';
import { auditQueryKeys } from '../../keys/api/get-audit.ts';
import { connectionQueryKeys } from './get-connections.ts';

/** Forgets the stored credentials. The key itself stays valid on the exchange. */
export function removeConnection(connectionId: string) {
  return callApi(apiRoutes.removeConnection, { params: { connectionId } });
}

export function useRemoveConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeConnection,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: connectionQueryKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditQueryKeys.all }),
      ]),
  });
}
