import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes, type AcceptFindingInput } from '@contract/api.ts';
import { callApi } from '../../../lib/api-client.ts';
import { auditQueryKeys } from '../../keys/api/get-audit.ts';
import { unlockVault } from '../../vault/api/unlock-vault.ts';

/** `vaultPassphrase`, when the server asked for it again (reauth-required), is sent to the unlock route first. */
export async function acceptFinding({ vaultPassphrase, ...input }: AcceptFindingInput & { vaultPassphrase?: string }) {
  if (vaultPassphrase) await unlockVault({ passphrase: vaultPassphrase });
  return callApi(apiRoutes.acceptFinding, { body: input });
}

/** Records an accepted risk; the audit is read again so every count and badge reflects it. */
export function useAcceptFinding() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptFinding,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: auditQueryKeys.all }),
  });
}
