import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findingSchema, type Finding } from '@contract/finding.ts';
import { DISABLED_KEY_NOTE, evaluateFindings } from './evaluate-findings.ts';
import { TEST_NOW_MS, grant, makeKey } from './make-test-key.ts';
import { parsePolicy } from './load-policy.ts';
import { RULES, RULE_IDS } from './rules.ts';
import { summarizeFindings } from './summarize-findings.ts';
import { SEVERITY_RANK, worstSeverity } from './worst-severity.ts';

const now = new Date(TEST_NOW_MS);
const DAY_MS = 86_400_000;

/** Critical + medium (old) + high (audit key) on one key; a harmless read-only key beside it. */
const dangerousKey = makeKey({
  id: 'danger',
  apiKey: 'DANGER-KEY',
  isCallingKey: true,
  capabilities: [grant('read'), grant('withdraw', 'Transfer', true)],
  ipWhitelist: null,
  createdAt: new Date(TEST_NOW_MS - 400 * DAY_MS).toISOString(),
});
const goodKey = makeKey({ id: 'good', apiKey: 'GOOD-KEY' });
const policyOf = (value: unknown) => parsePolicy(value, 'policy.json');
const ids = (findings: Finding[]) => findings.map((finding) => `${finding.keyId}:${finding.ruleId}`);

describe(evaluateFindings.name, () => {
  it('gives one key several findings, worst first, and every finding fits the contract', () => {
    const findings = evaluateFindings([goodKey, dangerousKey], { now });
    expect(ids(findings)).toEqual([
      'danger:withdraw-without-ip-whitelist',
      'danger:audit-key-too-powerful',
      'danger:key-older-than-threshold',
      'good:read-only-with-whitelist',
    ]);
    for (const finding of findings) expect(findingSchema.parse(finding)).toEqual(finding);
    expect(findings.every((finding) => finding.acceptance === null)).toBe(true);
  });

  it('keeps every finding of a key the exchange reports disabled (it can be enabled again), and says so after each', () => {
    const disabled = { ...dangerousKey, id: 'off', isDisabled: true };
    const onFindings = evaluateFindings([dangerousKey], { now });
    const offFindings = evaluateFindings([disabled], { now });
    expect(offFindings.map((finding) => finding.ruleId)).toEqual(onFindings.map((finding) => finding.ruleId));
    for (const [index, finding] of offFindings.entries()) expect(finding.why).toBe(`${onFindings[index]!.why} ${DISABLED_KEY_NOTE}`);
  });

  it('accepts now as milliseconds as well as a Date', () => {
    expect(evaluateFindings([dangerousKey], { now: TEST_NOW_MS })).toEqual(evaluateFindings([dangerousKey], { now }));
  });

  it('returns nothing for no keys', () => {
    expect(evaluateFindings([], { now })).toEqual([]);
  });

  it.each([
    { name: 'a stricter age threshold adds a finding', policy: { thresholds: { maxKeyAgeDays: 10 } }, key: goodKey, now, expect: ['key-older-than-threshold', true] },
    { name: 'a looser age threshold removes it', policy: { thresholds: { maxKeyAgeDays: 500 } }, key: dangerousKey, now, expect: ['key-older-than-threshold', false] },
    { name: 'a disabled rule is not evaluated', policy: { disabledRules: ['withdraw-without-ip-whitelist'] }, key: dangerousKey, now, expect: ['withdraw-without-ip-whitelist', false] },
    { name: 'other rules still run when one is disabled', policy: { disabledRules: ['withdraw-without-ip-whitelist'] }, key: dangerousKey, now, expect: ['audit-key-too-powerful', true] },
  ] as const)('$name', ({ policy, key, expect: [ruleId, present] }) => {
    const findings = evaluateFindings([key], { now, policy: policyOf(policy) });
    expect(findings.some((finding) => finding.ruleId === ruleId)).toBe(present);
  });

  it('applies severity overrides and sorts by the overridden severity', () => {
    const policy = policyOf({ severityOverrides: { 'key-older-than-threshold': 'critical', 'withdraw-without-ip-whitelist': 'low' } });
    const findings = evaluateFindings([dangerousKey], { now, policy });
    expect(findings.map((finding) => [finding.ruleId, finding.severity])).toEqual([
      ['key-older-than-threshold', 'critical'],
      ['audit-key-too-powerful', 'high'],
      ['withdraw-without-ip-whitelist', 'low'],
    ]);
  });

  describe('acceptances', () => {
    const acceptance = (overrides: Partial<Record<'ruleId' | 'apiKey' | 'exchange' | 'expiresAt', string>>) =>
      policyOf({
        acceptances: [{ ruleId: 'withdraw-without-ip-whitelist', apiKey: 'DANGER-KEY', exchange: 'kucoin', reason: 'cold-wallet sweeper', expiresAt: '2027-01-01', ...overrides }],
      });
    const withdrawFinding = (findings: Finding[]) => findings.find((finding) => finding.ruleId === 'withdraw-without-ip-whitelist');

    it.each([
      { name: 'active acceptance marks the finding', overrides: {}, accepted: true },
      { name: 'expired acceptance lets it come back', overrides: { expiresAt: '2026-05-31' }, accepted: false },
      { name: 'acceptance ends exactly at expiresAt', overrides: { expiresAt: now.toISOString() }, accepted: false },
      { name: 'acceptance for another key does not match', overrides: { apiKey: 'OTHER' }, accepted: false },
      { name: 'acceptance on another exchange does not match', overrides: { exchange: 'okx' }, accepted: false },
      { name: 'acceptance for another rule does not match', overrides: { ruleId: 'audit-key-too-powerful' }, accepted: false },
    ])('$name', ({ overrides, accepted }) => {
      const finding = withdrawFinding(evaluateFindings([dangerousKey], { now, policy: acceptance(overrides) }));
      expect(finding).toBeDefined();
      expect(finding?.acceptance != null).toBe(accepted);
    });

    it('carries the reason and a normalized expiry, and sorts accepted after open findings of the same severity', () => {
      const otherCritical = makeKey({ id: 'other', apiKey: 'OTHER', capabilities: [grant('withdraw')], ipWhitelist: null });
      const findings = evaluateFindings([dangerousKey, otherCritical], { now, policy: acceptance({}) });
      expect(ids(findings).slice(0, 2)).toEqual(['other:withdraw-without-ip-whitelist', 'danger:withdraw-without-ip-whitelist']);
      expect(findings[1]?.acceptance).toEqual({ reason: 'cold-wallet sweeper', expiresAt: '2027-01-01T00:00:00.000Z' });
    });

    it('leaves accepted findings out of summaries and the worst severity', () => {
      const findings = evaluateFindings([dangerousKey], { now, policy: acceptance({}) });
      expect(summarizeFindings(findings)).toEqual({ critical: 0, high: 1, medium: 1, low: 0, info: 0 });
      expect(worstSeverity(findings)).toBe('high');
    });
  });
});

describe(summarizeFindings.name, () => {
  it('counts every severity, zero included', () => {
    const findings = evaluateFindings([goodKey, dangerousKey], { now });
    expect(summarizeFindings(findings)).toEqual({ critical: 1, high: 1, medium: 1, low: 0, info: 1 });
  });
});

describe(worstSeverity.name, () => {
  const finding = (severity: Finding['severity']): Finding => ({ ruleId: 'r', severity, keyId: 'k', title: 't', why: 'w', fix: 'f' });
  it.each([
    { severities: [], worst: null },
    { severities: ['info'], worst: 'info' },
    { severities: ['low', 'critical', 'medium'], worst: 'critical' },
    { severities: ['info', 'high', 'low'], worst: 'high' },
  ] as const)('of $severities is $worst', ({ severities, worst }) => {
    expect(worstSeverity(severities.map(finding))).toBe(worst);
  });

  it('ranks critical above high above medium above low above info', () => {
    expect(SEVERITY_RANK.critical > SEVERITY_RANK.high && SEVERITY_RANK.high > SEVERITY_RANK.medium).toBe(true);
    expect(SEVERITY_RANK.medium > SEVERITY_RANK.low && SEVERITY_RANK.low > SEVERITY_RANK.info).toBe(true);
  });
});

describe('RULES', () => {
  it('has one descriptor per rule id, each unique and fully described', () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
    expect(RULES.map((rule) => rule.id)).toEqual(RULE_IDS);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.title.length).toBeGreaterThan(0);
      expect(rule.description.length).toBeGreaterThan(0);
      expect(Object.keys(rule).sort()).toEqual(['description', 'id', 'severity', 'title']);
    }
  });
});

describe('RULES.md', () => {
  const text = readFileSync(new URL('./RULES.md', import.meta.url), 'utf8');
  it.each(RULES)('documents $id with its default severity', ({ id, severity }) => {
    expect(text).toContain(`## \`${id}\`\nSeverity: **${severity}**`);
  });
});
