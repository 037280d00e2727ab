import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes, type AddConnectionInput } from '@contract/api.ts';
import { callApi } from '../../../lib/api-client.ts';
import { auditQueryKeys } from '../../keys/api/get-audit.ts';
import { connectionQueryKeys } from './get-connections.ts';

export function addConnection(input: AddConnectionInput) {
  return callApi(apiRoutes.addConnection, { body: input });
}

/** A new connection means new keys to audit. */
export function useAddConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addConnection,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: connectionQueryKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditQueryKeys.all }),
      ]),
  });
}
