import { describe, expect, it } from 'vitest';
import { buildAuditedKey, buildAuditRun, buildConnectionResult, buildFinding } from '../../../testing/fixtures.ts';
import { addLastReadKeys } from './add-last-read-keys.ts';

const okKey = buildAuditedKey({ id: 'ok-key', connectionId: 'conn-ok', label: 'fresh' });
const lost = buildAuditedKey({ id: 'lost-key', connectionId: 'conn-down', label: 'as last read' });
const connections = [buildConnectionResult({ connectionId: 'conn-ok' }), buildConnectionResult({ connectionId: 'conn-down', status: 'failed', accounts: [] })];
const run = buildAuditRun({ connections, keys: [okKey], findings: [buildFinding({ keyId: 'ok-key' })] });
const AT = '2026-11-02T10:00:00.000Z';

describe(addLastReadKeys.name, () => {
  it("puts a failed connection's last read keys and their findings back, each marked with when it was read", () => {
    const lastRead = { runId: 4, at: AT, keys: [lost], findings: [buildFinding({ keyId: 'lost-key', severity: 'critical' })] };
    const { run: shown, staleSince } = addLastReadKeys(run, [lastRead]);
    expect(shown.keys.map((key) => key.id)).toEqual(['ok-key', 'lost-key']);
    expect(shown.findings.map((finding) => [finding.keyId, finding.severity])).toEqual([['ok-key', run.findings[0]!.severity], ['lost-key', 'critical']]);
    expect([...staleSince]).toEqual([['lost-key', AT]]);
  });

  it('adds nothing for a connection the run read, nor a key the run already holds', () => {
    const ofOk = { runId: 4, at: AT, keys: [buildAuditedKey({ id: 'old-ok', connectionId: 'conn-ok' }), okKey], findings: [] };
    const result = addLastReadKeys(run, [ofOk]);
    expect(result.run).toBe(run);
    expect(result.staleSince.size).toBe(0);
  });
});
