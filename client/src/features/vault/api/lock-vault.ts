import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes } from '@contract/api.ts';
import { callApi } from '../../../lib/api-client.ts';
import { statusQueryKeys } from '../../status/api/get-status.ts';

export function lockVault() {
  return callApi(apiRoutes.lockVault, { body: {} });
}

/** Locking drops every cached answer except the status, so no key data stays in the page. */
export function useLockVault() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: lockVault,
    onSuccess: async () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== statusQueryKeys.all[0] });
      await queryClient.invalidateQueries({ queryKey: statusQueryKeys.all });
    },
  });
}
