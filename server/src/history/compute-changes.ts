import { accountKey } from '@contract/audit-run-state.ts';
import type { AccountResult, AuditRun, ConnectionResult } from '@contract/audit-run.ts';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import { CHANGE_KINDS, type Change, type ChangesReport, type RecordedRun } from '@contract/history.ts';
import type { Finding } from '@contract/finding.ts';
import { describeAccount, diffKey, printable, severityRank, type KeySnapshot } from './key-changes.ts';

/**
 * What changed from one recorded run to another, most severe first. Keys are matched by their audited id
 * (which names the connection, the account and the key). A key is only called removed when the newer run
 * read its account and did not find it: keys of a connection or an account that could not be read were not
 * seen, not gone, and the report says the connection is failing instead.
 */
export function computeChanges(from: RecordedRun, to: RecordedRun): ChangesReport {
  const changes: Change[] = [];
  const before = indexRun(from.run);
  const after = indexRun(to.run);

  for (const connection of to.run.connections) {
    const old = before.connections.get(connection.connectionId);
    changes.push(...diffConnectionHealth(old, connection));
    if (old) changes.push(...diffAccounts(old, connection));
  }

  for (const [keyId, snapshot] of after.keys) {
    const old = before.keys.get(keyId);
    // A key first seen because its account could not be read last time was not added: it was out of sight.
    // A connection new in this run brings its keys as added: a dangerous one must not slip in unreported.
    if (!old && !before.couldSee(snapshot.key.connectionId, accountKey(snapshot.key.account), true)) continue;
    changes.push(...diffKey(old ?? null, snapshot));
  }
  for (const [keyId, snapshot] of before.keys) {
    // A connection the user removed from keyaudit was not audited: its keys are not gone from the exchange.
    if (after.keys.has(keyId) || !after.couldSee(snapshot.key.connectionId, accountKey(snapshot.key.account), false)) continue;
    changes.push(...diffKey(snapshot, null));
  }

  return {
    schemaVersion: 1,
    from: { runId: from.summary.runId, finishedAt: from.summary.finishedAt },
    to: { runId: to.summary.runId, finishedAt: to.summary.finishedAt },
    changes: changes.sort(bySeverityThenKind),
  };
}

const kindRank = (change: Change) => CHANGE_KINDS.indexOf(change.kind);
function bySeverityThenKind(a: Change, b: Change): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    kindRank(a) - kindRank(b) ||
    a.exchange.localeCompare(b.exchange) ||
    (a.account?.name ?? '').localeCompare(b.account?.name ?? '') ||
    (a.label ?? '').localeCompare(b.label ?? '') ||
    (a.keyId ?? '').localeCompare(b.keyId ?? '')
  );
}

type RunIndex = {
  connections: Map<string, ConnectionResult>;
  keys: Map<string, KeySnapshot>;
  /**
   * Whether this run would have seen a key of that account had there been one: its connection did not
   * fail, and the account answered or was no longer listed at all. A connection the run does not have
   * counts as `missingConnection` says.
   */
  couldSee: (connectionId: string, account: string, missingConnection: boolean) => boolean;
};

function indexRun(run: AuditRun): RunIndex {
  const connections = new Map(run.connections.map((connection) => [connection.connectionId, connection]));
  const findingsByKey = new Map<string, Finding[]>();
  for (const finding of run.findings) findingsByKey.set(finding.keyId, [...(findingsByKey.get(finding.keyId) ?? []), finding]);
  const keys = new Map(run.keys.map((key) => [key.id, { key, findings: findingsByKey.get(key.id) ?? [] }]));
  const accounts = new Map(run.connections.flatMap((connection) => connection.accounts.map((account) => [`${connection.connectionId}\0${accountKey(account.account)}`, account] as const)));
  const couldSee = (connectionId: string, account: string, missingConnection: boolean) => {
    const connection = connections.get(connectionId);
    if (!connection) return missingConnection;
    if (connection.status === 'failed') return false;
    return (accounts.get(`${connectionId}\0${account}`)?.status ?? 'ok') === 'ok';
  };
  return { connections, keys, couldSee };
}

function connectionChange(connection: ConnectionResult, fields: Pick<Change, 'kind' | 'severity' | 'summary' | 'before' | 'after'> & { account?: AccountResult['account'] | null }): Change {
  return {
    exchange: connection.exchange,
    connectionId: connection.connectionId,
    account: null,
    apiKey: null,
    label: printable(connection.label),
    keyId: null,
    capabilitiesGained: [],
    capabilitiesLost: [],
    ...fields,
  };
}

const failureOf = (status: string, error: { kind: string; message: string } | null) => ({ status, error: error && { kind: error.kind, message: error.message } });

/**
 * A connection, or one of its accounts, that stopped answering: its keys are out of sight, which hides
 * whatever changed on them (high). Recovering is good news (info).
 */
function diffConnectionHealth(old: ConnectionResult | undefined, connection: ConnectionResult): Change[] {
  const name = `Connection "${printable(connection.label)}" (${EXCHANGE_NAMES[connection.exchange]})`;
  const failed = connection.status === 'failed';
  const wasFailed = old?.status === 'failed';
  if (failed && !wasFailed) {
    const reason = connection.error ? `: ${printable(connection.error.message)}` : '.';
    return [
      connectionChange(connection, {
        kind: 'connection-failing',
        severity: 'high',
        summary: `${name} could not be read; its keys were not seen this time${reason}`,
        before: old ? failureOf(old.status, old.error) : null,
        after: failureOf(connection.status, connection.error),
      }),
    ];
  }
  if (!failed && wasFailed) {
    return [
      connectionChange(connection, {
        kind: 'connection-recovered',
        severity: 'info',
        summary: `${name} answers again; what changed on its keys while it failed shows against an earlier run.`,
        before: failureOf(old!.status, old!.error),
        after: failureOf(connection.status, null),
      }),
    ];
  }
  if (failed || !old || wasFailed) return [];
  // Both runs reached the connection: compare its accounts one by one.
  const changes: Change[] = [];
  const oldAccounts = new Map(old.accounts.map((account) => [accountKey(account.account), account]));
  for (const account of connection.accounts) {
    const previous = oldAccounts.get(accountKey(account.account));
    if (!previous) continue;
    const where = describeAccount(connection.exchange, account.account);
    if (account.status === 'failed' && previous.status === 'ok') {
      const reason = account.error ? `: ${printable(account.error.message)}` : '.';
      changes.push(
        connectionChange(connection, {
          kind: 'connection-failing',
          severity: 'high',
          account: account.account,
          summary: `${name} could not read ${where}; its keys were not seen this time${reason}`,
          before: failureOf(previous.status, previous.error),
          after: failureOf(account.status, account.error),
        }),
      );
    } else if (account.status === 'ok' && previous.status === 'failed') {
      changes.push(
        connectionChange(connection, {
          kind: 'connection-recovered',
          severity: 'info',
          account: account.account,
          summary: `${name} reads ${where} again.`,
          before: failureOf(previous.status, previous.error),
          after: failureOf(account.status, null),
        }),
      );
    }
  }
  return changes;
}

/** Sub-accounts that appeared or went, on a connection both runs could list. */
function diffAccounts(old: ConnectionResult, connection: ConnectionResult): Change[] {
  if (old.status === 'failed' || connection.status === 'failed') return [];
  const changes: Change[] = [];
  const oldKeys = new Set(old.accounts.map((account) => accountKey(account.account)));
  const newKeys = new Set(connection.accounts.map((account) => accountKey(account.account)));
  for (const account of connection.accounts) {
    if (oldKeys.has(accountKey(account.account))) continue;
    const where = describeAccount(connection.exchange, account.account);
    changes.push(
      connectionChange(connection, {
        kind: 'account-added',
        severity: 'low',
        account: account.account,
        summary: `${where[0].toUpperCase()}${where.slice(1)} appeared, with ${account.keyCount} ${account.keyCount === 1 ? 'key' : 'keys'}.`,
        before: null,
        after: { name: printable(account.account.name), keys: account.keyCount },
      }),
    );
  }
  for (const account of old.accounts) {
    if (newKeys.has(accountKey(account.account))) continue;
    const where = describeAccount(connection.exchange, account.account);
    changes.push(
      connectionChange(connection, {
        kind: 'account-removed',
        severity: 'info',
        account: account.account,
        summary: `${where[0].toUpperCase()}${where.slice(1)} is no longer listed.`,
        before: { name: printable(account.account.name), keys: account.keyCount },
        after: null,
      }),
    );
  }
  return changes;
}
