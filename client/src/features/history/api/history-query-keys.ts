import type { HistoryChangesQuery } from '@contract/api.ts';

/** Every history query under one prefix: a recorded run invalidates them together. */
export const historyQueryKeys = {
  all: ['history'] as const,
  status: () => [...historyQueryKeys.all, 'status'] as const,
  runs: () => [...historyQueryKeys.all, 'runs'] as const,
  latestRun: () => [...historyQueryKeys.all, 'runs', 'latest'] as const,
  changes: (query: HistoryChangesQuery) => [...historyQueryKeys.all, 'changes', query.from ?? null, query.to ?? null] as const,
  lastRead: (connectionId: string) => [...historyQueryKeys.all, 'connections', connectionId, 'last-read'] as const,
  keyTimeline: (keyId: string) => [...historyQueryKeys.all, 'keys', keyId, 'timeline'] as const,
};
