import { useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRoutes } from '@contract/api.ts';
import type { AuditRun } from '@contract/audit-run.ts';
import { callApi } from '../../../lib/api-client.ts';
import { AUDIT_PROGRESS_POLL_MS } from './get-audit-progress.ts';

/** The audit in flight as read so far; null when none runs. */
export function getPartialAudit(): Promise<AuditRun | null> {
  return callApi(apiRoutes.getPartialAudit);
}

/**
 * Polls the audit in flight while the page has no complete run to show, so keys appear as accounts
 * finish. `attempt` keys each try apart (a retry after an error starts from nothing). Once the run
 * ends the server answers null while the complete run is still on its way: the last snapshot stays
 * until then, so the rows never blink out. Outside the audit key family, like the progress.
 */
export function usePartialAudit(isWaiting: boolean, attempt: number) {
  const queryClient = useQueryClient();
  const queryKey = ['audit-partial', attempt];
  return useQuery({
    queryKey,
    queryFn: async () => (await getPartialAudit()) ?? queryClient.getQueryData<AuditRun>(queryKey) ?? null,
    enabled: isWaiting,
    refetchInterval: isWaiting ? AUDIT_PROGRESS_POLL_MS : false,
    gcTime: 0,
    retry: false,
  });
}
