import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRoutes, type AcceptFindingInput } from '@contract/api.ts';
import { callApi } from '../../../lib/api-client.ts';
import { auditQueryKeys } from '../../keys/api/get-audit.ts';

export function acceptFinding(input: AcceptFindingInput) {
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
