import type { AuditRun } from '@contract/audit-run.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import type { Finding } from '@contract/finding.ts';
import type { ExchangeAdapter } from '../exchanges/exchange-adapter.ts';
import type { StoredConnection } from '../secrets/stored-connection.ts';
import { auditConnection, type AuditProgress } from './audit-connection.ts';

export type AuditTarget = { connection: StoredConnection; adapter: ExchangeAdapter };

export type RunAuditOptions = {
  now: () => number;
  /** Sub-account requests in flight per connection; the adapter paces itself within the exchange's budget. */
  concurrencyPerConnection: number;
  evaluateFindings: (keys: AuditedKey[]) => Finding[] | Promise<Finding[]>;
  onProgress?: (progress: AuditProgress) => void;
};

/** One pass over every connection, all connections in parallel. */
export async function runAudit(targets: AuditTarget[], options: RunAuditOptions): Promise<AuditRun> {
  const startedAt = new Date(options.now()).toISOString();
  const audits = await Promise.all(
    targets.map(({ connection, adapter }) =>
      auditConnection(connection, adapter, { concurrency: options.concurrencyPerConnection, onProgress: options.onProgress }),
    ),
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

function byAccountThenLabel(a: AuditedKey, b: AuditedKey): number {
  return (
    a.exchange.localeCompare(b.exchange) ||
    (a.account.kind === b.account.kind ? 0 : a.account.kind === 'master' ? -1 : 1) ||
    a.account.name.localeCompare(b.account.name) ||
    a.label.localeCompare(b.label)
  );
}
