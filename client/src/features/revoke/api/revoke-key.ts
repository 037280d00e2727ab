import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiRoutes, type RevokeKeyInput, type RevokeResult } from '@contract/api.ts';
import { ApiRequestError, callApi } from '../../../lib/api-client.ts';
import { unlockVault } from '../../vault/api/unlock-vault.ts';
import { applyRunDeltaToAudit } from '../../keys/api/get-audit.ts';

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

/** The exchange answered the delete, but reading the key's account again still lists it. */
export class RevokeNotConfirmedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RevokeNotConfirmedError';
  }
}

/**
 * Revokes one key and applies the server's re-read of its account to the audit on screen: the exchange,
 * not this page, says which keys still exist, and only that account is asked again. A key still listed
 * afterwards stays on screen and is reported as an error.
 */
export async function revokeKeyAndApply(queryClient: QueryClient, request: RevokeKeyRequest): Promise<RevokeResult> {
  const result = await revokeKey(request);
  applyRunDeltaToAudit(queryClient, result.delta);
  if (result.confirmation === 'still-listed') throw new RevokeNotConfirmedError(result.message ?? 'The exchange still lists this key.');
  return result;
}

export function useRevokeKey() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (request: RevokeKeyRequest) => revokeKeyAndApply(queryClient, request) });
}
