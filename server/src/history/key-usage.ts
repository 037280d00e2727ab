import type { AuditRun } from '@contract/audit-run.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import type { Logger } from '../logging/logger.ts';
import type { HistoryAccess, KeyUse } from './history-store.ts';
import { describeFailure } from './record-finished-run.ts';

/** What keyaudit's signed calls were for, as the usage ledger records them (never a URL). */
export type EndpointClass = 'read-keys' | 'revoke';

/**
 * One use per connection read in the run: keyaudit signed its calls with the connection's key (the calling key).
 * A connection that failed is recorded as a failed use; only successful ones count as the key being used.
 */
export function keyUsesOfRun(run: AuditRun, apiKeyOf: (connectionId: string) => string | undefined): KeyUse[] {
  return run.connections.flatMap((connection) => {
    const apiKey = apiKeyOf(connection.connectionId);
    return apiKey === undefined ? [] : [{ exchange: connection.exchange, apiKey, at: run.finishedAt, endpointClass: 'read-keys', result: connection.status === 'failed' ? 'failed' : 'ok' } as const];
  });
}

/** Appends a batch in one transaction; never throws (usage that cannot be recorded costs one log line). */
export function recordKeyUses(history: HistoryAccess, uses: readonly KeyUse[], logger: Logger): void {
  try {
    if (uses.length === 0 || history.status().state !== 'available') return;
    history.store().recordKeyUses(uses);
  } catch (error) {
    logger.warn(`history: keyaudit's own key use not recorded (${describeFailure(error)})`);
  }
}

/**
 * When keyaudit last used this key successfully: only a calling key is ever used by keyaudit (other keys are
 * listed, never signed with). null when unknown, or when the history cannot be read.
 */
export function keyauditLastUse(history: HistoryAccess, apiKeyOf: (connectionId: string) => string | undefined): (key: AuditedKey) => string | null {
  return (key) => {
    if (!key.isCallingKey) return null;
    const apiKey = apiKeyOf(key.connectionId);
    if (apiKey === undefined) return null;
    try {
      return history.status().state === 'available' ? history.store().lastKeyUse(key.exchange, apiKey) : null;
    } catch {
      return null;
    }
  };
}
