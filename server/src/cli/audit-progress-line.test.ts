import { describe, expect, it } from 'vitest';
import type { AccountState, AuditEvent } from '@contract/audit-events.ts';
import type { AccountRef } from '@contract/audited-key.ts';
import { applyAuditEvents } from '@contract/audit-run-state.ts';
import { describeAuditProgress } from './audit-progress-line.ts';

const read = (connectionId: string, account: AccountRef): AccountState => ({ connectionId, result: { account, status: 'ok', error: null, keyCount: 0 }, keys: [], findings: [] });
const master: AccountRef = { kind: 'master', name: 'master' };
const sub = (name: string): AccountRef => ({ kind: 'sub', name });

const events: AuditEvent[] = [
  { type: 'run-started', runId: 'r1', startedAt: '2026-12-01T00:00:00.000Z', connections: [
    { connectionId: 'c1', exchange: 'kucoin', label: 'Main' },
    { connectionId: 'c2', exchange: 'binance', label: 'Desk \u001b[2Kbot' },
  ] },
  { type: 'account-read', account: read('c1', master) },
  { type: 'accounts-listed', connectionId: 'c1', accounts: [sub('a')] },
  { type: 'account-read', account: read('c1', sub('a')) },
  { type: 'connection-finished', connectionId: 'c1', status: 'ok', error: null },
  { type: 'account-read', account: read('c2', master) },
  { type: 'accounts-listed', connectionId: 'c2', accounts: [sub('x'), sub('y'), sub('z')] },
  { type: 'account-read', account: read('c2', sub('x')) },
];

describe(describeAuditProgress.name, () => {
  it('counts accounts read and names the connection still being read, with its sub-accounts', () => {
    const line = describeAuditProgress(applyAuditEvents(null, events), 200);
    expect(line).toBe('Auditing: 4 of 6 accounts read · still reading Binance "Desk [2Kbot" (1 of 3 sub-accounts)');
  });

  it('names nothing once every connection finished', () => {
    const done = applyAuditEvents(null, [...events, { type: 'connection-finished', connectionId: 'c2', status: 'ok', error: null }]);
    expect(describeAuditProgress(done, 200)).toBe('Auditing: 6 of 6 accounts read');
  });

  it('fits the width it is given', () => {
    const line = describeAuditProgress(applyAuditEvents(null, events), 40);
    expect([...line]).toHaveLength(40);
    expect(line.endsWith('…')).toBe(true);
  });

  it('says it is starting before the first event', () => {
    expect(describeAuditProgress(null, 80)).toMatch(/^Auditing: /);
  });
});
