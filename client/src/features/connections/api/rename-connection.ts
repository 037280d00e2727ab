import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes } from '@contract/api.ts';
import { callApi } from '../../../lib/api-client.ts';
import { auditQueryKeys } from '../../keys/api/get-audit.ts';
import { connectionQueryKeys } from './get-connections.ts';

export type RenameConnectionRequest = { connectionId: string; label: string };

export function renameConnection({ connectionId, label }: RenameConnectionRequest) {
  return callApi(apiRoutes.renameConnection, { params: { connectionId }, body: { label } });
}

export function useRenameConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: renameConnection,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: connectionQueryKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditQueryKeys.all }),
      ]),
  });
}
