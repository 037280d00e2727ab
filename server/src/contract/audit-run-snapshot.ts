import type { AuditedKey } from './audited-key.ts';
import type { AuditRun, ConnectionResult } from './audit-run.ts';
import { SEVERITIES, type Finding, type Severity } from './finding.ts';
import type { AccountState, AuditedConnection, RunSummary } from './audit-events.ts';
import { accountKey, type AuditRunState, type ConnectionProgress, type ConnectionWait } from './audit-run-state.ts';
import { byExchangeThenAccount } from './key-order.ts';

/**
 * A run state as an AuditRun, ordered exactly as a full audit orders its keys (byAccountThenLabel) and
 * findings (worst first, open before accepted, then key order, then rule order), so a run built from
 * events equals the run evaluated in one piece. Cheap to call again after a few accounts changed: each
 * account's sorted keys and each connection's account order are kept per (immutable) object.
 * `snapshotAt` stands in for finishedAt while the run is still going.
 */
export function toAuditRun(state: AuditRunState, snapshotAt: string): AuditRun {
  const groups = state.connections
    .flatMap((connection) => orderedAccounts(connection).map((account) => ({ exchange: connection.exchange, account: account.result.account, state: account })))
    .sort(byExchangeThenAccount);
  const keys: AuditedKey[] = [];
  // Stable buckets by severity and acceptance, filled in key order: within a key the account's own order (rule order) holds.
  const buckets: Finding[][] = Array.from({ length: SEVERITIES.length * 2 }, () => []);
  const addFindings = (found: Finding[] | undefined) => {
    for (const finding of found ?? []) buckets[SEVERITIES.indexOf(finding.severity) * 2 + (finding.acceptance != null ? 1 : 0)].push(finding);
  };
  for (let start = 0; start < groups.length; ) {
    let end = start + 1;
    while (end < groups.length && byExchangeThenAccount(groups[start], groups[end]) === 0) end += 1;
    if (end === start + 1) {
      const findings = findingsOf(groups[start].state);
      for (const key of keysByLabel(groups[start].state)) {
        keys.push(key);
        addFindings(findings.get(key.id));
      }
    } else {
      // The same account name under two connections of one exchange: their keys interleave by label.
      const merged = groups.slice(start, end).flatMap((group) => group.state.keys.map((key) => ({ key, findings: findingsOf(group.state).get(key.id) })));
      for (const { key, findings } of merged.sort((a, b) => byLabel(a.key, b.key))) {
        keys.push(key);
        addFindings(findings);
      }
    }
    start = end;
  }
  return {
    schemaVersion: 1,
    startedAt: state.startedAt,
    finishedAt: state.finishedAt ?? snapshotAt,
    connections: state.connections.map(toConnectionResult),
    keys,
    findings: buckets.flat(),
  };
}

export function summarizeRun(run: AuditRun): RunSummary {
  const openFindings = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  let acceptedFindings = 0;
  for (const finding of run.findings) {
    if (finding.acceptance != null) acceptedFindings += 1;
    else openFindings[finding.severity] += 1;
  }
  return {
    connections: run.connections.length,
    accounts: run.connections.reduce((sum, connection) => sum + connection.accounts.length, 0),
    keys: run.keys.length,
    openFindings,
    acceptedFindings,
  };
}

export type AuditProgress = {
  accountsRead: number;
  accountsToRead: number;
  /** Connections not finished yet, in run order, each with what it is waiting for, if anything. */
  reading: (AuditedConnection & { waiting: ConnectionWait | null })[];
};

/** "n of m accounts": every connection's own account plus the sub-accounts it listed; a finished connection counts as read. */
export function auditProgress(state: AuditRunState): AuditProgress {
  let accountsRead = 0;
  let accountsToRead = 0;
  const reading: AuditProgress['reading'] = [];
  for (const connection of state.connections) {
    const total = 1 + (connection.listedAccounts?.length ?? 0);
    accountsToRead += total;
    accountsRead += connection.finished ? total : Math.min(connection.accounts.size, total);
    if (!connection.finished) reading.push({ connectionId: connection.connectionId, exchange: connection.exchange, label: connection.label, waiting: connection.waiting ?? null });
  }
  return { accountsRead, accountsToRead, reading };
}

/** Until it is finished a connection is not called ok for good: partial as soon as one account failed. */
function toConnectionResult(connection: ConnectionProgress): ConnectionResult {
  const accounts = orderedAccounts(connection).map((account) => account.result);
  const status = connection.finished?.status ?? (accounts.some((account) => account.status === 'failed') ? 'partial' : 'ok');
  const notes = connection.finished?.notes;
  return {
    connectionId: connection.connectionId, exchange: connection.exchange, label: connection.label, status, error: connection.finished?.error ?? null, accounts,
    ...(notes && notes.length > 0 ? { notes } : {}),
  };
}

const byLabel = (a: AuditedKey, b: AuditedKey) => a.label.localeCompare(b.label);

const accountOrderCache = new WeakMap<ConnectionProgress, AccountState[]>();
/** The connection's own account first, then its sub-accounts in the order they were listed (as the audit reports them). */
function orderedAccounts(connection: ConnectionProgress): AccountState[] {
  let ordered = accountOrderCache.get(connection);
  if (!ordered) {
    const rank = new Map(connection.listedAccounts?.map((account, index) => [accountKey(account), index]) ?? []);
    ordered = [...connection.accounts.entries()]
      .map(([key, account]) => ({ account, rank: rank.get(key) ?? -1 }))
      .sort((a, b) => a.rank - b.rank)
      .map((entry) => entry.account);
    accountOrderCache.set(connection, ordered);
  }
  return ordered;
}

const sortedKeysCache = new WeakMap<AccountState, AuditedKey[]>();
function keysByLabel(account: AccountState): AuditedKey[] {
  let sorted = sortedKeysCache.get(account);
  if (!sorted) sortedKeysCache.set(account, (sorted = [...account.keys].sort(byLabel)));
  return sorted;
}

const findingsCache = new WeakMap<AccountState, Map<string, Finding[]>>();
function findingsOf(account: AccountState): Map<string, Finding[]> {
  let byKey = findingsCache.get(account);
  if (!byKey) {
    byKey = new Map();
    for (const finding of account.findings) {
      const list = byKey.get(finding.keyId);
      if (list) list.push(finding);
      else byKey.set(finding.keyId, [finding]);
    }
    findingsCache.set(account, byKey);
  }
  return byKey;
}
