import type { RevokeResult } from '@contract/api.ts';
import type { AccountState, AuditEvent } from '@contract/audit-events.ts';
import { summarizeRun } from '@contract/audit-run-snapshot.ts';
import type { AuditRun } from '@contract/audit-run.ts';
import type { AccountRef } from '@contract/audited-key.ts';

const sameAccount = (a: AccountRef, b: AccountRef) => a.kind === b.kind && a.name === b.name;

/** Each account of a run fixture as the server would send it: its result, its keys and their findings. */
export function accountStatesOf(run: AuditRun): AccountState[] {
  return run.connections.flatMap((connection) => {
    const accounts = [...connection.accounts.map((account) => account.account)];
    for (const key of run.keys) if (key.connectionId === connection.connectionId && !accounts.some((account) => sameAccount(account, key.account))) accounts.push(key.account);
    return accounts.map((account) => {
      const keys = run.keys.filter((key) => key.connectionId === connection.connectionId && sameAccount(key.account, account));
      const ids = new Set(keys.map((key) => key.id));
      const result = connection.accounts.find((candidate) => sameAccount(candidate.account, account)) ?? { account, status: 'ok' as const, error: null, keyCount: keys.length };
      return { connectionId: connection.connectionId, result, keys, findings: run.findings.filter((finding) => ids.has(finding.keyId)) };
    });
  });
}

/**
 * A run fixture told as the stream tells it. `finishedConnections` says which connections have finished
 * (all by default); `finished: false` leaves out run-finished, for a run still going.
 */
export function toAuditEvents(run: AuditRun, { runId = 'run-1', finished = true, finishedConnections }: { runId?: string; finished?: boolean; finishedConnections?: string[] } = {}): AuditEvent[] {
  const done = new Set(finishedConnections ?? run.connections.map((connection) => connection.connectionId));
  const events: AuditEvent[] = [
    { type: 'run-started', runId, startedAt: run.startedAt, connections: run.connections.map(({ connectionId, exchange, label }) => ({ connectionId, exchange, label })) },
  ];
  for (const account of accountStatesOf(run)) events.push({ type: 'account-read', account });
  for (const connection of run.connections.filter((candidate) => done.has(candidate.connectionId))) {
    const { connectionId, status, error, notes } = connection;
    events.push({ type: 'connection-finished', connectionId, status, error, ...(notes ? { notes } : {}) });
  }
  if (finished) events.push({ type: 'run-finished', finishedAt: run.finishedAt, summary: summarizeRun(run) });
  return events;
}

/** The answer to a revoke the server confirmed: the key's account read again, without the key. */
export function revokedAnswer(run: AuditRun, keyId: string, overrides: Partial<RevokeResult> = {}): RevokeResult {
  const account = accountStatesOf(run).find((candidate) => candidate.keys.some((key) => key.id === keyId));
  const accounts = account
    ? [{ ...account, keys: account.keys.filter((key) => key.id !== keyId), findings: account.findings.filter((finding) => finding.keyId !== keyId), result: { ...account.result, keyCount: account.keys.length - 1 } }]
    : [];
  return { revoked: true, keyId, confirmation: 'gone', message: null, delta: { accounts, removedKeyIds: [keyId] }, ...overrides };
}
