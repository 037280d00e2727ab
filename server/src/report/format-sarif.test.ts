import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import type { AuditRun } from '@contract/audit-run.ts';
import { evaluateFindings } from '../findings/evaluate-findings.ts';
import { defaultPolicy } from '../findings/policy.ts';
import { grant, makeKey } from '../findings/make-test-key.ts';
import { RULES } from '../findings/rules.ts';
import { formatReport } from './format-report.ts';
import { toAuditReport } from './to-audit-report.ts';

// The official SARIF 2.1.0 schema (OASIS, errata01), vendored: tests reach no network.
const schema = JSON.parse(readFileSync(new URL('../../test/fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const NOW = Date.parse('2026-06-01T00:00:00Z');
const withdrawAnyIp = makeKey({ id: 'k-withdraw', exchange: 'okx', apiKey: 'okx-key-1', label: 'payout\u001b]52;c;aGVsbG8=\u0007 bot', capabilities: [grant('withdraw')], permissions: ['withdraw'], ipWhitelist: null });
const readOnly = makeKey({ id: 'k-read', apiKey: 'kucoin-key-2', label: 'tax export' });

function runWith(keys = [withdrawAnyIp, readOnly], policy = defaultPolicy): AuditRun {
  return {
    schemaVersion: 1,
    startedAt: '2026-06-01T00:00:00.000Z',
    finishedAt: '2026-06-01T00:00:05.000Z',
    connections: [{ connectionId: 'c1', exchange: 'okx', label: 'OKX main', status: 'partial', error: null, accounts: [{ account: { kind: 'sub', name: 'desk' }, status: 'failed', error: { kind: 'permission-denied', message: 'The key lacks Read.', exchangeCode: null }, keyCount: 0 }] }],
    keys,
    findings: evaluateFindings(keys, { now: NOW, policy }),
  };
}
const sarifOf = (run: AuditRun) => JSON.parse(formatReport(toAuditReport(run, new Date(NOW)), 'sarif'));

describe('SARIF report', () => {
  it('validates against the official SARIF 2.1.0 schema', () => {
    const sarif = sarifOf(runWith());
    const valid = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The validator is not vacuous: a result without its message, or an unknown level, fails it.
    const broken = structuredClone(sarif);
    delete broken.runs[0].results[0].message;
    expect(validate(broken)).toBe(false);
    expect(validate({ ...sarif, runs: [{ ...sarif.runs[0], results: [{ ...sarif.runs[0].results[0], level: 'fatal' }] }] })).toBe(false);
  });

  it('has one rule per finding rule and one result per finding, levels by severity', () => {
    const run = runWith();
    const sarif = sarifOf(run);
    expect(sarif.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(RULES.map((rule) => rule.id));
    expect(sarif.runs[0].results).toHaveLength(run.findings.length);
    const critical = sarif.runs[0].results.find((result: { ruleId: string }) => result.ruleId === 'withdraw-without-ip-whitelist');
    expect(critical.level).toBe('error');
    expect(sarif.runs[0].tool.driver.rules[critical.ruleIndex].id).toBe('withdraw-without-ip-whitelist');
  });

  it('keeps a fingerprint per key and rule across runs, different between keys and rules', () => {
    const first = sarifOf(runWith()).runs[0].results;
    const second = sarifOf({ ...runWith(), startedAt: '2026-06-02T00:00:00.000Z', finishedAt: '2026-06-02T00:00:05.000Z' }).runs[0].results;
    const prints = (results: { partialFingerprints: Record<string, string> }[]) => results.map((result) => result.partialFingerprints['keyaudit/keyAndRule/v1']);
    expect(prints(second)).toEqual(prints(first));
    expect(new Set(prints(first)).size).toBe(first.length);
  });

  it('reports an accepted finding as a suppressed result with the acceptance reason', () => {
    const policy = { ...defaultPolicy, acceptances: [{ ruleId: 'withdraw-without-ip-whitelist' as const, apiKey: 'okx-key-1', exchange: 'okx' as const, reason: 'cold wallet sweeper, reviewed', expiresAt: '2027-01-01' }] };
    const results = sarifOf(runWith(undefined, policy)).runs[0].results;
    const accepted = results.find((result: { ruleId: string }) => result.ruleId === 'withdraw-without-ip-whitelist');
    expect(accepted.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: expect.stringContaining('cold wallet sweeper, reviewed') }]);
    expect(results.filter((result: { suppressions?: unknown }) => result.suppressions)).toHaveLength(1);
  });

  it('says which accounts could not be read, and strips terminal escapes from exchange text', () => {
    const sarif = sarifOf(runWith());
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toContain('desk: The key lacks Read.');
    expect(JSON.stringify(sarif)).not.toMatch(/\\u001b|\\u0007/);
  });
});
