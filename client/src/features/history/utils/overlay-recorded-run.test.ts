import { describe, expect, it } from 'vitest';
import { applyAuditEvents } from '@contract/audit-run-state.ts';
import { toAuditRun } from '@contract/audit-run-snapshot.ts';
import { buildAuditedKey, buildAuditRun, buildConnectionResult, buildFinding } from '../../../testing/fixtures.ts';
import { toAuditEvents } from '../../../testing/audit-events.ts';
import { overlayRecordedRun } from './overlay-recorded-run.ts';

const master = buildAuditedKey({ id: 'master-key', label: 'master key', account: { kind: 'master', name: 'master' }, apiKey: 'aaaa00000000000000000001' });
const sub = buildAuditedKey({ id: 'sub-key', label: 'sub key', apiKey: 'bbbb00000000000000000002' });
const other = buildAuditedKey({ id: 'other-key', connectionId: 'conn-2', label: 'other key', account: { kind: 'master', name: 'master' }, apiKey: 'cccc00000000000000000003' });
const connections = [buildConnectionResult(), buildConnectionResult({ connectionId: 'conn-2', exchange: 'okx', label: 'OKX', accounts: [{ account: { kind: 'master', name: 'master' }, status: 'ok', error: null, keyCount: 1 }] })];
const recorded = buildAuditRun({ connections, keys: [master, sub, other], findings: [buildFinding({ keyId: 'sub-key' }), buildFinding({ keyId: 'other-key', ruleId: 'withdraw-enabled' })] });

/** The fresh run as far as `events` tell it. */
function live(run: ReturnType<typeof buildAuditRun>, take: (events: ReturnType<typeof toAuditEvents>) => ReturnType<typeof toAuditEvents>) {
  const state = applyAuditEvents(null, take(toAuditEvents(run, { runId: 'fresh' })));
  return { state, run: state && toAuditRun(state, state.startedAt) };
}

describe(overlayRecordedRun.name, () => {
  it('shows the recorded run whole, every key stale, before the fresh run has started', () => {
    const overlay = overlayRecordedRun(null, null, recorded);
    expect(overlay.run.keys.map((key) => key.id)).toEqual(['master-key', 'sub-key', 'other-key']);
    expect([...overlay.staleKeyIds]).toEqual(['master-key', 'sub-key', 'other-key']);
  });

  it('replaces an account as soon as the fresh run has read it, including a key gone since', () => {
    const fresh = buildAuditRun({ connections, keys: [master, other] }); // sub-key revoked since
    // run-started, then the first connection's master and sub-account read; nothing finished yet.
    const { state, run } = live(fresh, (events) => events.filter((event) => event.type === 'run-started' || (event.type === 'account-read' && event.account.connectionId === 'conn-1')));
    const overlay = overlayRecordedRun(state, run, recorded);
    expect(overlay.run.keys.map((key) => key.id).sort()).toEqual(['master-key', 'other-key']);
    expect([...overlay.staleKeyIds]).toEqual(['other-key']);
    expect(overlay.run.findings.map((finding) => finding.keyId)).toEqual(['other-key']);
  });

  it('replaces every account of a finished connection, and drops a connection the fresh run does not audit', () => {
    const fresh = buildAuditRun({ connections: [connections[0]], keys: [master] });
    const { state, run } = live(fresh, (events) => events.filter((event) => event.type !== 'run-finished'));
    const overlay = overlayRecordedRun(state, run, recorded);
    expect(overlay.run.keys.map((key) => key.id)).toEqual(['master-key']);
    expect(overlay.staleKeyIds.size).toBe(0);
  });
});
