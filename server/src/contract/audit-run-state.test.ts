import { describe, expect, it } from 'vitest';
import type { AccountState, AuditEvent } from './audit-events.ts';
import type { AccountRef, AuditedKey } from './audited-key.ts';
import { applyAuditEvents, applyRunDelta } from './audit-run-state.ts';
import { auditProgress, toAuditRun } from './audit-run-snapshot.ts';

const AT = '2026-06-01T00:00:00.000Z';
const master: AccountRef = { kind: 'master', name: 'master' };
const sub = (name: string): AccountRef => ({ kind: 'sub', name });

function key(account: AccountRef, label: string): AuditedKey {
  return {
    id: `${account.name}/${label}`, connectionId: 'c1', exchange: 'kucoin', account, apiKey: `api-${label}`, label, permissions: [], capabilities: [],
    ipWhitelist: null, createdAt: null, expiresAt: null, lastUsedAt: null, isCallingKey: account.kind === 'master',
    revocability: { canRevoke: true, how: 'api', reason: 'test', manageUrl: 'https://example.test' },
  };
}

function accountState(account: AccountRef, labels: string[]): AccountState {
  const keys = labels.map((label) => key(account, label));
  const findings = keys.map((found) => ({ ruleId: 'trade-without-ip-whitelist', severity: 'high' as const, keyId: found.id, title: 't', why: 'w', fix: 'f', acceptance: null }));
  return { connectionId: 'c1', result: { account, status: 'ok', error: null, keyCount: keys.length }, keys, findings };
}

const run: AuditEvent[] = [
  { type: 'run-started', runId: 'r1', startedAt: AT, connections: [{ connectionId: 'c1', exchange: 'kucoin', label: 'Main' }] },
  { type: 'account-read', account: accountState(master, ['keyaudit']) },
  { type: 'accounts-listed', connectionId: 'c1', accounts: [sub('beta'), sub('alpha')] },
  { type: 'account-read', account: accountState(sub('alpha'), ['a2', 'a1']) },
  { type: 'account-read', account: accountState(sub('beta'), ['b1']) },
  { type: 'connection-finished', connectionId: 'c1', status: 'ok', error: null },
  { type: 'run-finished', finishedAt: AT, summary: { connections: 1, accounts: 3, keys: 4, openFindings: { critical: 0, high: 4, medium: 0, low: 0, info: 0 }, acceptedFindings: 0 } },
];

describe(applyAuditEvents.name, () => {
  it('builds the run in list order: keys by account and label, accounts in the order they were listed', () => {
    const built = toAuditRun(applyAuditEvents(null, run)!, AT);
    expect(built.keys.map((found) => found.label)).toEqual(['keyaudit', 'a1', 'a2', 'b1']);
    expect(built.connections[0]!.accounts.map((account) => account.account.name)).toEqual(['master', 'beta', 'alpha']);
    expect(built.findings.map((finding) => finding.keyId)).toEqual(built.keys.map((found) => found.id));
  });

  it('is idempotent: a replayed stream, whole or from the middle, changes nothing', () => {
    const once = applyAuditEvents(null, run)!;
    expect(toAuditRun(applyAuditEvents(once, run)!, AT)).toEqual(toAuditRun(once, AT));
    expect(toAuditRun(applyAuditEvents(applyAuditEvents(null, run.slice(0, 4)), run.slice(2))!, AT)).toEqual(toAuditRun(once, AT));
    expect(applyAuditEvents(once, [])).toBe(once);
  });

  it("carries a finished connection's coverage notes into the run, and none when it has none", () => {
    const notes = [{ gap: 'other-master-keys-not-listed' as const, message: 'not listed' }];
    const withNotes = run.map((event) => (event.type === 'connection-finished' ? { ...event, notes } : event));
    expect(toAuditRun(applyAuditEvents(null, withNotes)!, AT).connections[0]!.notes).toEqual(notes);
    expect(toAuditRun(applyAuditEvents(null, run)!, AT).connections[0]).not.toHaveProperty('notes');
  });

  it('starts over on the run-started of another run, and counts progress per connection', () => {
    const midway = applyAuditEvents(null, run.slice(0, 4))!;
    expect(auditProgress(midway)).toMatchObject({ accountsRead: 2, accountsToRead: 3, reading: [{ label: 'Main' }] });
    const next = applyAuditEvents(midway, [{ ...run[0], runId: 'r2' } as AuditEvent])!;
    expect(next.runId).toBe('r2');
    expect(toAuditRun(next, AT).keys).toEqual([]);
  });
});

describe(applyRunDelta.name, () => {
  it('replaces an account the run holds, leaves one it has not read to the run, and drops removed keys', () => {
    const midway = applyAuditEvents(null, run.slice(0, 4))!;
    const changed = applyRunDelta(midway, { accounts: [accountState(sub('alpha'), ['a1']), accountState(sub('beta'), ['b9'])], removedKeyIds: ['master/keyaudit'] });
    const built = toAuditRun(changed, AT);
    expect(built.keys.map((found) => found.label)).toEqual(['a1']);
    expect(built.findings.map((finding) => finding.keyId)).toEqual(['alpha/a1']);
    expect(built.connections[0]!.accounts.map((account) => [account.account.name, account.keyCount])).toEqual([['master', 0], ['alpha', 1]]);
    expect(toAuditRun(midway, AT).keys).toHaveLength(3);
  });
});
