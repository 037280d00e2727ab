import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiRoutes, type DisableResult } from '@contract/api.ts';
import { callApi } from '../../../lib/api-client.ts';
import { unlockVault } from '../../vault/api/unlock-vault.ts';
import { applyRunDeltaToAudit } from '../../keys/api/get-audit.ts';

export type DisableKeyRequest = {
  keyId: string;
  /** Live mode: set once the server asked for it (reauth-required); sent to the unlock route first, as for revoke. */
  vaultPassphrase?: string;
};

export async function disableKey({ keyId, vaultPassphrase }: DisableKeyRequest): Promise<DisableResult> {
  if (vaultPassphrase) await unlockVault({ passphrase: vaultPassphrase });
  return callApi(apiRoutes.disableKey, { params: { keyId }, body: {} });
}

/** The exchange answered that it disabled the key, but reading its account again does not list it disabled. */
export class DisableNotConfirmedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DisableNotConfirmedError';
  }
}

/**
 * Disables one key and applies the server's re-read of its account to the audit on screen: the key stays listed, now
 * marked disabled by what the exchange reports. A key the re-read does not show disabled is reported as an error.
 */
export async function disableKeyAndApply(queryClient: QueryClient, request: DisableKeyRequest): Promise<DisableResult> {
  const result = await disableKey(request);
  applyRunDeltaToAudit(queryClient, result.delta);
  if (result.confirmation === 'differs') throw new DisableNotConfirmedError(result.message ?? 'The exchange does not list this key as disabled.');
  return result;
}

export function useDisableKey() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (request: DisableKeyRequest) => disableKeyAndApply(queryClient, request) });
}
