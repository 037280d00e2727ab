import type { AuditRun, ConnectionResult } from '@contract/audit-run.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import type { Finding } from '@contract/finding.ts';
import type { StoredConnection } from '../secrets/stored-connection.ts';
import type { AuditProgress, ConnectionAudit } from './audit-connection.ts';
import { byAccountThenLabel } from './run-audit.ts';

type ConnectionSoFar = ConnectionAudit & { accountsDone: number; accountsTotal: number };

export type PartialRun = ReturnType<typeof createPartialRun>;

/**
 * A run in flight as read so far: each connection's accounts and keys as they arrive, replaced by
 * the connection's final result once it is done. What the UI shows before the whole audit ends.
 */
export function createPartialRun(
  startedAtMs: number,
  connections: readonly Pick<StoredConnection, 'id' | 'exchange' | 'label'>[],
  evaluateFindings: (keys: AuditedKey[]) => Finding[] | Promise<Finding[]>,
) {
  const soFar = new Map<string, ConnectionSoFar>();
  // Findings are evaluated once per change, however often the UI polls.
  let changes = 0;
  let snapshot: { changes: number; run: Promise<AuditRun> } | null = null;

  const connectionOf = (connectionId: string): ConnectionSoFar => {
    const known = soFar.get(connectionId);
    if (known) return known;
    const { id, exchange, label } = connections.find((candidate) => candidate.id === connectionId)!;
    const result: ConnectionResult = { connectionId: id, exchange, label, status: 'ok', error: null, accounts: [] };
    return { result, keys: [], accountsDone: 0, accountsTotal: 0 };
  };

  return {
    startedAtMs,
    addProgress(progress: AuditProgress) {
      const current = connectionOf(progress.connectionId);
      const accounts = [...current.result.accounts, ...progress.accounts];
      const status = accounts.some((account) => account.status === 'failed') ? 'partial' : 'ok';
      current.keys.push(...progress.keys);
      soFar.set(progress.connectionId, { ...current, result: { ...current.result, status, accounts }, accountsDone: progress.accountsDone, accountsTotal: progress.accountsTotal });
      changes++;
    },
    completeConnection(audit: ConnectionAudit) {
      const current = connectionOf(audit.result.connectionId);
      soFar.set(audit.result.connectionId, { ...current, result: audit.result, keys: audit.keys });
      changes++;
    },
    /** "n of m accounts": sub-accounts read over sub-accounts listed, across connections. */
    progress() {
      const entries = [...soFar.values()];
      return {
        accountsDone: entries.reduce((sum, entry) => sum + entry.accountsDone, 0),
        accountsTotal: entries.reduce((sum, entry) => sum + entry.accountsTotal, 0),
      };
    },
    /** The run so far, in the shape of a finished one; `finishedAt` is when this snapshot was taken. */
    toRun(nowMs: number): Promise<AuditRun> {
      if (snapshot?.changes === changes) return snapshot.run;
      const entries = connections.flatMap((connection) => soFar.get(connection.id) ?? []);
      const keys = entries.flatMap((entry) => entry.keys).sort(byAccountThenLabel);
      const run = (async (): Promise<AuditRun> => ({
        schemaVersion: 1,
        startedAt: new Date(startedAtMs).toISOString(),
        finishedAt: new Date(nowMs).toISOString(),
        connections: entries.map((entry) => entry.result),
        keys,
        findings: await evaluateFindings(keys),
      }))();
      snapshot = { changes, run };
      return run;
    },
  };
}
