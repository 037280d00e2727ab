import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRoutes } from '@contract/api.ts';
import type { EditAcceptanceInput } from '@contract/acceptances.ts';
import { callApi } from '../../../lib/api-client.ts';
import { auditQueryKeys } from '../../keys/api/get-audit.ts';
import { unlockVault } from '../../vault/api/unlock-vault.ts';

/**
 * Under the audit's key on purpose: whatever invalidates the audit (an accepted risk, a new connection) invalidates the
 * list too, and the list's "key no longer listed" follows the audit it was matched against.
 */
export const acceptanceQueryKeys = {
  list: () => [...auditQueryKeys.all, 'acceptances'] as const,
};

/** Reads the policy and the last completed audit only (never starts an audit), so it is cheap to read again on each visit. */
export function acceptancesQueryOptions() {
  return queryOptions({ queryKey: acceptanceQueryKeys.list(), queryFn: () => callApi(apiRoutes.listAcceptances), refetchOnMount: 'always' });
}

export function useAcceptances() {
  return useQuery(acceptancesQueryOptions());
}

export type EditAcceptanceRequest = EditAcceptanceInput & { id: string; vaultPassphrase?: string };

/** `vaultPassphrase`, when the server asked for it again (reauth-required), is sent to the unlock route first. */
export async function editAcceptance({ id, vaultPassphrase, ...input }: EditAcceptanceRequest) {
  if (vaultPassphrase) await unlockVault({ passphrase: vaultPassphrase });
  return callApi(apiRoutes.editAcceptance, { params: { acceptanceId: id }, body: input });
}

export function revokeAcceptance(id: string) {
  return callApi(apiRoutes.revokeAcceptance, { params: { acceptanceId: id } });
}

/** After an edit or a revoke the audit is read again (as after accepting), so every count and badge reflects it. */
export function useEditAcceptance() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: editAcceptance, onSuccess: () => queryClient.invalidateQueries({ queryKey: auditQueryKeys.all }) });
}

export function useRevokeAcceptance() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: revokeAcceptance, onSuccess: () => queryClient.invalidateQueries({ queryKey: auditQueryKeys.all }) });
}
