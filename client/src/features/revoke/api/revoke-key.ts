import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes, type RevokeKeyInput, type RevokeResult } from '@contract/api.ts';
import { ApiRequestError, callApi } from '../../../lib/api-client.ts';
import { unlockVault } from '../../vault/api/unlock-vault.ts';
import { auditQueryKeys } from '../../keys/api/get-audit.ts';

export type RevokeKeyRequest = {
  keyId: string;
  /**
   * Live mode: revoking needs the vault passphrase entered within the last five minutes (403
   * reauth-required). When set, it is sent to the unlock route first, which renews that window.
   */
  vaultPassphrase?: string;
} & RevokeKeyInput;

export async function revokeKey({ keyId, keyPassphrase, vaultPassphrase }: RevokeKeyRequest): Promise<RevokeResult> {
  if (vaultPassphrase) await unlockVault({ passphrase: vaultPassphrase });
  return callApi(apiRoutes.revokeKey, { params: { keyId }, body: keyPassphrase === undefined ? {} : { keyPassphrase } });
}

/** The server wants the vault passphrase again before it revokes anything. */
export function isReauthRequired(error: unknown): boolean {
  return error instanceof ApiRequestError && error.code === 'reauth-required';
}

/**
 * Revokes one key. The key list changes only through a fresh audit: the exchange, not this page,
 * is the source of truth for which keys still exist.
 */
export function useRevokeKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: auditQueryKeys.all }),
  });
}
