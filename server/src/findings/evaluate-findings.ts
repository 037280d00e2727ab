import type { AuditedKey } from '@contract/audited-key.ts';
import type { Finding } from '@contract/finding.ts';
import { defaultPolicy, type Acceptance, type Policy } from './policy.ts';
import { createAcceptanceMatcher } from './policy-acceptance.ts';
import { FINDING_RULES } from './rules.ts';
import { SEVERITY_RANK } from './worst-severity.ts';

export type EvaluateOptions = {
  /** The instant the keys are judged at (age, expiry, acceptance expiry). */
  now: Date | number;
  policy?: Policy;
  /** See RuleContext.keyauditLastUsedAt. */
  keyauditLastUsedAt?: (key: AuditedKey) => string | null;
};

/**
 * Said after every finding of a key the exchange reports switched off: it cannot be used now, but it can be switched on
 * again (Deribit's enable_api_key), so what it could do still counts and the finding stands.
 */
export const DISABLED_KEY_NOTE = 'The exchange reports this key disabled: it does not work now, but it can be enabled again, so this still counts. Revoke it if nothing needs it.';

type AcceptanceMatcher = ReturnType<typeof createAcceptanceMatcher>;

/** An acceptance is active strictly before its expiresAt; from that instant the finding counts again. */
function findAcceptance(policy: Policy, covers: AcceptanceMatcher, ruleId: string, key: AuditedKey, nowMs: number): Finding['acceptance'] {
  const match = policy.acceptances.find(
    (acceptance: Acceptance) => acceptance.ruleId === ruleId && covers(acceptance, key) && Date.parse(acceptance.expiresAt) > nowMs,
  );
  return match ? { reason: match.reason, expiresAt: new Date(Date.parse(match.expiresAt)).toISOString() } : null;
}

/**
 * Runs every enabled rule over every key. One key can (and often does) get several findings:
 * "can withdraw from any IP" and "older than 180 days" are separate problems with separate fixes.
 * Sorted worst first; within a severity, open findings before accepted ones, then key order, then rule order.
 */
export function evaluateFindings(keys: readonly AuditedKey[], { now, policy = defaultPolicy, keyauditLastUsedAt }: EvaluateOptions): Finding[] {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const context = { nowMs, thresholds: policy.thresholds, keyauditLastUsedAt };
  const disabled = new Set<string>(policy.disabledRules);
  const rules = FINDING_RULES.filter((rule) => !disabled.has(rule.id));
  const covers = createAcceptanceMatcher(keys);
  const ranked: { finding: Finding; keyIndex: number; ruleIndex: number }[] = [];
  keys.forEach((key, keyIndex) => {
    rules.forEach((rule, ruleIndex) => {
      const hit = rule.evaluate(key, context);
      if (hit === null) return;
      const finding: Finding = {
        ruleId: rule.id,
        severity: policy.severityOverrides[rule.id] ?? rule.severity,
        keyId: key.id,
        title: rule.title,
        why: key.isDisabled ? `${hit.why} ${DISABLED_KEY_NOTE}` : hit.why,
        fix: hit.fix,
        acceptance: findAcceptance(policy, covers, rule.id, key, nowMs),
        ...(hit.deadline ? { deadline: hit.deadline } : {}),
      };
      ranked.push({ finding, keyIndex, ruleIndex });
    });
  });
  ranked.sort(
    (a, b) =>
      SEVERITY_RANK[b.finding.severity] - SEVERITY_RANK[a.finding.severity] ||
      Number(a.finding.acceptance != null) - Number(b.finding.acceptance != null) ||
      a.keyIndex - b.keyIndex ||
      a.ruleIndex - b.ruleIndex,
  );
  return ranked.map((entry) => entry.finding);
}
