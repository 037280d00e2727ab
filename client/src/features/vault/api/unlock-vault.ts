import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes, type UnlockVaultInput } from '@contract/api.ts';
import { callApi } from '../../../lib/api-client.ts';

export function unlockVault(input: UnlockVaultInput) {
  return callApi(apiRoutes.unlockVault, { body: input });
}

/** After unlocking, everything the page knows was computed without the vault: refetch it all. */
export function useUnlockVault() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: unlockVault,
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
