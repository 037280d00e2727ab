import type { ActionRecorder } from '../audit/action-recorder.ts';
import type { PolicyStore } from '../findings/policy-store.ts';
import type { Logger } from '../logging/logger.ts';
import { withDataDirLock } from '../vault/data-dir-lock.ts';
import type { HistoryAccess } from './history-store.ts';
import { describeFailure } from './record-finished-run.ts';

const DAY_MS = 86_400_000;

/**
 * policy.json's historyRetentionDays, applied after a run is recorded: runs older than that are pruned under the
 * data directory's lock, in one SQLite transaction, and the pruning is logged like `keyaudit history prune`. Never
 * throws: retention that cannot be applied costs one log line and is tried again after the next run.
 */
export async function applyHistoryRetention({ history, policy, actionLog, dataDir, now, logger }: {
  history: HistoryAccess;
  policy: PolicyStore;
  actionLog: ActionRecorder;
  dataDir: string;
  now: () => number;
  logger: Logger;
}): Promise<number> {
  try {
    const days = (await policy.load()).historyRetentionDays;
    if (days === null || history.status().state !== 'available') return 0;
    return await withDataDirLock(dataDir, async () => {
      const { runsRemoved } = history.store().prune(new Date(now() - days * DAY_MS));
      if (runsRemoved > 0) await actionLog.append({ action: 'history.prune', outcome: 'ok', details: { olderThanDays: days, runsRemoved, trigger: 'retention' } });
      return runsRemoved;
    });
  } catch (error) {
    logger.warn(`history: retention not applied (${describeFailure(error)})`);
    return 0;
  }
}
