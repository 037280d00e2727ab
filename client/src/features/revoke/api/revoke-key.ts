import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes, type RevokeKeyInput, type RevokeResult } from '@contract/api.ts';
import { callApi } from '../../../lib/api-client.ts';
import { auditQueryKeys } from '../../keys/api/get-audit.ts';

export type RevokeKeyRequest = { keyId: string } & RevokeKeyInput;

export function revokeKey({ keyId, keyPassphrase }: RevokeKeyRequest): Promise<RevokeResult> {
  return callApi(apiRoutes.revokeKey, { params: { keyId }, body: keyPassphrase === undefined ? {} : { keyPassphrase } });
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
