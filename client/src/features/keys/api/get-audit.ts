import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRoutes } from '@contract/api.ts';
import type { AuditRun } from '@contract/audit-run.ts';
import { callApi } from '../../../lib/api-client.ts';

export const auditQueryKeys = {
  all: ['audit'] as const,
  latest: () => [...auditQueryKeys.all, 'latest'] as const,
};

/** Runs a fresh audit on the server: every call asks every exchange again. */
export function getAudit(): Promise<AuditRun> {
  return callApi(apiRoutes.getAudit);
}

/**
 * Never stale: an audit is expensive and rate-limited by the exchanges, so it reruns only when
 * something invalidates it (a revoke, a new connection) or the user presses Refresh.
 */
export function auditQueryOptions() {
  return queryOptions({ queryKey: auditQueryKeys.latest(), queryFn: getAudit, staleTime: Infinity });
}

export function useAudit() {
  return useQuery(auditQueryOptions());
}
