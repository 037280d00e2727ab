import { randomBytes } from 'node:crypto';
import type { AuditRun, ConnectionResult } from '@contract/audit-run.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import { evaluateFindings } from '../findings/evaluate-findings.ts';
import { makeKey } from '../findings/make-test-key.ts';

/** Test-only helpers shared by the history tests. */

export const testHistoryKey = (): Buffer => randomBytes(32);

/** A key of a test run, with its connection and account in its id as the audit's ids are. */
export function runKey(n: number, overrides: Partial<AuditedKey> = {}): AuditedKey {
  return makeKey({ id: `key-${n}`, connectionId: 'c_00000001', apiKey: `apikey${String(n).padStart(18, '0')}`, label: `label ${n}`, account: { kind: 'sub', name: `sub${n % 3}` }, ...overrides });
}

/**
 * A run over these keys as the audit would build it: one connection per connectionId, every account of its keys
 * read ok unless named in `failedConnections`, findings from the real rules.
 */
export function makeRun(keys: AuditedKey[], { at = '2026-06-01T00:00:00.000Z', failedConnections = [] as string[] } = {}): AuditRun {
  const connections = new Map<string, ConnectionResult>();
  for (const key of keys) {
    const connection = connections.get(key.connectionId) ?? { connectionId: key.connectionId, exchange: key.exchange, label: `conn ${key.connectionId}`, status: 'ok', error: null, accounts: [] };
    const account = connection.accounts.find((candidate) => candidate.account.kind === key.account.kind && candidate.account.name === key.account.name);
    if (account) account.keyCount++;
    else connection.accounts.push({ account: key.account, status: 'ok', error: null, keyCount: 1 });
    connections.set(key.connectionId, connection);
  }
  for (const connectionId of failedConnections) {
    connections.set(connectionId, { connectionId, exchange: 'kucoin', label: `conn ${connectionId}`, status: 'failed', error: { kind: 'unreachable', message: 'The exchange could not be reached.', exchangeCode: null }, accounts: [] });
  }
  const liveKeys = keys.filter((key) => !failedConnections.includes(key.connectionId));
  const finishedAt = new Date(Date.parse(at) + 2000).toISOString();
  return { schemaVersion: 1, startedAt: at, finishedAt, connections: [...connections.values()], keys: liveKeys, findings: evaluateFindings(liveKeys, { now: Date.parse(at) }) };
}

/** The run number `n` of the crash test: 150 keys, a few of them changed, one gone and one new each time. */
export function crashTrialRun(n: number): AuditRun {
  const keys: AuditedKey[] = [];
  for (let i = 0; i < 150; i++) {
    if (i === n % 150) continue;
    keys.push(runKey(i, { label: i % 30 === n % 30 ? `label ${i} v${n}` : `label ${i}` }));
  }
  keys.push(runKey(1000 + n));
  return makeRun(keys, { at: new Date(Date.parse('2026-01-01T00:00:00.000Z') + n * 21_600_000).toISOString() });
}
