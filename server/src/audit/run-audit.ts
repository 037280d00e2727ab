import type { AccountState } from '@contract/audit-events.ts';
import type { AuditRunState } from '@contract/audit-run-state.ts';
import { summarizeRun, toAuditRun } from '@contract/audit-run-snapshot.ts';
import type { AuditRun } from '@contract/audit-run.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import type { Finding } from '@contract/finding.ts';
import type { ExchangeAdapter } from '../exchanges/exchange-adapter.ts';
import type { StoredConnection } from '../secrets/stored-connection.ts';
import { auditConnection } from './audit-connection.ts';
import { listenForRateLimitWaits } from '../exchanges/rate-limit-waits.ts';
import type { AuditRunLog } from './audit-run-log.ts';

export type AuditTarget = { connection: StoredConnection; getAdapter: () => ExchangeAdapter };

export type RunAuditOptions = {
  /** Where the run's events go, in order. */
  log: AuditRunLog;
  now: () => number;
  /** Sub-account requests in flight per connection; the adapter paces itself within the exchange's budget. */
  concurrencyPerConnection: number;
  evaluateFindings: (keys: AuditedKey[]) => Finding[] | Promise<Finding[]>;
};

/**
 * One pass over every connection, all connections in parallel, told as events: each account with its
 * keys and the findings on them as soon as it is read, each connection when it is done. Rules judge one
 * key at a time (the rest comes only from the policy and the clock), so an account's findings can be
 * given when it is read; at the end every key is judged once more in one piece and any account whose
 * findings came out different (the policy was edited, an acceptance expired meanwhile) is sent again.
 * The finished run is therefore exactly the full evaluation. Resolves to it.
 */
export async function runAudit(targets: AuditTarget[], { log, now, concurrencyPerConnection, evaluateFindings }: RunAuditOptions): Promise<AuditRun> {
  log.append({
    type: 'run-started',
    runId: log.runId,
    startedAt: new Date(now()).toISOString(),
    connections: targets.map(({ connection }) => ({ connectionId: connection.id, exchange: connection.exchange, label: connection.label })),
  });
  await Promise.all(
    targets.map(async ({ connection, getAdapter }) => {
      const connectionId = connection.id;
      // Findings take a moment to evaluate: the chain keeps this connection's events in the order they happened.
      let reported: Promise<void> = Promise.resolve();
      const report = (step: () => Promise<void> | void) => void (reported = reported.then(step));
      // A rate-limit wait is told at once (not chained): it is why the connection is slow, worth saying while it lasts.
      const onWait = (waitMs: number | null) =>
        log.append({ type: 'connection-waiting', connectionId, reason: 'rate-limit', until: waitMs === null ? null : new Date(now() + waitMs).toISOString() });
      const audit = await listenForRateLimitWaits(onWait, () =>
        auditConnection(connection, getAdapter, {
          concurrency: concurrencyPerConnection,
          onAccountsListed: (accounts) => report(() => log.append({ type: 'accounts-listed', connectionId, accounts })),
          onAccountRead: ({ result, keys }) =>
            report(async () => log.append({ type: 'account-read', account: { connectionId, result, keys, findings: await evaluateFindings(keys) } })),
        }),
      );
      await reported;
      const { status, error, notes } = audit.result;
      log.append({ type: 'connection-finished', connectionId, status, error, ...(notes ? { notes } : {}) });
    }),
  );

  const assembled = toAuditRun(log.state!, new Date(now()).toISOString());
  for (const account of accountsWithOtherFindings(log.state!, await evaluateFindings(assembled.keys))) log.append({ type: 'account-read', account });
  const finishedAt = new Date(now()).toISOString();
  const run = toAuditRun(log.state!, finishedAt);
  log.append({ type: 'run-finished', finishedAt, summary: summarizeRun(run) });
  return run;
}

/** The accounts whose findings differ, key by key, from those of the evaluation in one piece; with those findings. */
function accountsWithOtherFindings(state: AuditRunState, findings: Finding[]): AccountState[] {
  const expected = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = expected.get(finding.keyId);
    if (list) list.push(finding);
    else expected.set(finding.keyId, [finding]);
  }
  const changed: AccountState[] = [];
  for (const connection of state.connections) {
    for (const account of connection.accounts.values()) {
      const given = new Map<string, Finding[]>();
      for (const finding of account.findings) given.set(finding.keyId, [...(given.get(finding.keyId) ?? []), finding]);
      const differs = account.keys.some((key) => !sameFindings(given.get(key.id) ?? [], expected.get(key.id) ?? []));
      if (differs) changed.push({ ...account, findings: account.keys.flatMap((key) => expected.get(key.id) ?? []) });
    }
  }
  return changed;
}

function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  return (
    a.length === b.length &&
    a.every((finding, index) => {
      const other = b[index];
      return (
        finding.ruleId === other.ruleId &&
        finding.severity === other.severity &&
        finding.title === other.title &&
        finding.why === other.why &&
        finding.fix === other.fix &&
        finding.acceptance?.reason === other.acceptance?.reason &&
        finding.acceptance?.expiresAt === other.acceptance?.expiresAt
      );
    })
  );
}
