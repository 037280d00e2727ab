import { describe, expect, it } from 'vitest';
import { buildFinding } from '../../../testing/fixtures.ts';
import { countFindings, indexFindings } from './index-findings.ts';

const accepted = { reason: 'payout bot', expiresAt: '2099-01-01' };

describe(indexFindings.name, () => {
  it('groups findings by key and takes the worst open severity, ignoring accepted ones', () => {
    const index = indexFindings([
      buildFinding({ keyId: 'a', severity: 'critical', acceptance: accepted }),
      buildFinding({ keyId: 'a', ruleId: 'key-older-than-threshold', severity: 'medium' }),
      buildFinding({ keyId: 'a', ruleId: 'expires-soon', severity: 'low' }),
      buildFinding({ keyId: 'b', severity: 'high', acceptance: accepted }),
    ]);
    expect(index.get('a')!.worst).toBe('medium');
    expect(index.get('a')!.open.map((finding) => finding.severity)).toEqual(['medium', 'low']);
    expect(index.get('a')!.accepted).toHaveLength(1);
    expect(index.get('b')!.worst).toBeNull();
    expect(index.has('c')).toBe(false);
  });
});

describe(countFindings.name, () => {
  it('counts open findings per severity and accepted ones apart', () => {
    const counts = countFindings([
      buildFinding({ severity: 'critical' }),
      buildFinding({ severity: 'critical', keyId: 'k2' }),
      buildFinding({ severity: 'info' }),
      buildFinding({ severity: 'high', acceptance: accepted }),
    ]);
    expect(counts).toEqual({ open: { critical: 2, high: 0, medium: 0, low: 0, info: 1 }, accepted: 1 });
  });
});
