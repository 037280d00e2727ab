import type { QueryClient } from '@tanstack/react-query';
import { apiRoutes, type RestrictPreview, type RestrictResult } from '@contract/api.ts';
import type { RestrictRequest } from '@contract/restriction-plan.ts';
import { callApi } from '../../../lib/api-client.ts';
import { unlockVault } from '../../vault/api/unlock-vault.ts';
import { applyRunDeltaToAudit } from '../../keys/api/get-audit.ts';

/** Before → after of one key, or why it would be refused; the server sends nothing to the exchange for it. */
export function previewRestriction(keyId: string, request: RestrictRequest): Promise<RestrictPreview> {
  return callApi(apiRoutes.previewRestriction, { params: { keyId }, body: request });
}

export type RestrictKeyRequest = {
  keyId: string;
  request: RestrictRequest;
  keyPassphrase?: string;
  /** Live mode: sent to the unlock route first when the server asked for it again (reauth-required), as revoke does. */
  vaultPassphrase?: string;
};

/**
 * Restricts one key and applies the server's re-read of its account to the audit on screen: the exchange, not this
 * page, says what the key now is. A result that differs from what was asked is returned, not thrown: the dialog shows it.
 */
export async function restrictKeyAndApply(queryClient: QueryClient, { keyId, request, keyPassphrase, vaultPassphrase }: RestrictKeyRequest): Promise<RestrictResult> {
  if (vaultPassphrase) await unlockVault({ passphrase: vaultPassphrase });
  const result = await callApi(apiRoutes.restrictKey, { params: { keyId }, body: { ...request, ...(keyPassphrase === undefined ? {} : { keyPassphrase }) } });
  applyRunDeltaToAudit(queryClient, result.delta);
  return result;
}
