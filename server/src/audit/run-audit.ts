import type { AuditRun } from '@contract/audit-run.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import type { Finding } from '@contract/finding.ts';
import type { ExchangeAdapter } from '../exchanges/exchange-adapter.ts';
import type { StoredConnection } from '../secrets/stored-connection.ts';
import { auditConnection, type AuditProgress, type ConnectionAudit } from './audit-connection.ts';

export type AuditTarget = { connection: StoredConnection; getAdapter: () => ExchangeAdapter };

export type RunAuditOptions = {
  now: () => number;
  /** Sub-account requests in flight per connection; the adapter paces itself within the exchange's budget. */
  concurrencyPerConnection: number;
  evaluateFindings: (keys: AuditedKey[]) => Finding[] | Promise<Finding[]>;
  /** When the run began; defaults to `now()`. Lets a caller stamp what it shows before the end with the same time. */
  startedAtMs?: number;
  /** Each account as it is read (see auditConnection). */
  onProgress?: (progress: AuditProgress) => void;
  /** One connection is done: its final result and every key found on it. */
  onConnectionAudited?: (audit: ConnectionAudit) => void;
};

/** One pass over every connection, all connections in parallel. */
export async function runAudit(targets: AuditTarget[], options: RunAuditOptions): Promise<AuditRun> {
  const startedAt = new Date(options.startedAtMs ?? options.now()).toISOString();
  const audits = await Promise.all(
    targets.map(async ({ connection, getAdapter }) => {
      const audit = await auditConnection(connection, getAdapter, { concurrency: options.concurrencyPerConnection, onProgress: options.onProgress });
      options.onConnectionAudited?.(audit);
      return audit;
    }),
  );
  const keys = audits.flatMap((audit) => audit.keys).sort(byAccountThenLabel);
  return {
    schemaVersion: 1,
    startedAt,
    finishedAt: new Date(options.now()).toISOString(),
    connections: audits.map((audit) => audit.result),
    keys,
    findings: await options.evaluateFindings(keys),
  };
}

/** The order keys are listed in: by exchange, master account first, then account name and label. */
export function byAccountThenLabel(a: AuditedKey, b: AuditedKey): number {
  return (
    a.exchange.localeCompare(b.exchange) ||
    (a.account.kind === b.account.kind ? 0 : a.account.kind === 'master' ? -1 : 1) ||
    a.account.name.localeCompare(b.account.name) ||
    a.label.localeCompare(b.label)
  );
}
