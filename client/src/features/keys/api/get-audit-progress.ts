import { useQuery } from '@tanstack/react-query';
import { apiRoutes } from '@contract/api.ts';
import { callApi } from '../../../lib/api-client.ts';

export const AUDIT_PROGRESS_POLL_MS = 500;

export function getAuditProgress() {
  return callApi(apiRoutes.getAuditProgress);
}

/**
 * Polls "n of m accounts" while an audit runs. `runStartedAtMs` keys each run apart, so the
 * previous run's final count never shows at the start of the next one. Outside the audit key
 * family on purpose: invalidating the audit must not poll.
 */
export function useAuditProgress(isRunning: boolean, runStartedAtMs: number) {
  return useQuery({
    queryKey: ['audit-progress', runStartedAtMs],
    queryFn: getAuditProgress,
    enabled: isRunning,
    refetchInterval: isRunning ? AUDIT_PROGRESS_POLL_MS : false,
    gcTime: 0,
    retry: false,
  });
}
