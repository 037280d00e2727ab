import { z } from 'zod';
import { exchangeIdSchema } from '@contract/exchange-id.ts';
import { SEVERITIES, severitySchema, type Severity } from '@contract/finding.ts';
import type { Thresholds } from './finding-rule.ts';
import { RULE_IDS, isRuleId, type RuleId } from './rules.ts';

// Unknown rule ids are errors, not ignored: a typo in policy.json must not silently re-enable
// (or fail to silence) a rule.
const ruleIdSchema = z.string().refine(isRuleId, { error: (issue) => `unknown rule id ${JSON.stringify(issue.input)}` });

const isoDateOrDateTimeSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'expected a date ("2027-01-01") or an ISO date-time ("2027-01-01T00:00:00Z")',
});

export const thresholdsSchema = z.strictObject({
  maxKeyAgeDays: z.number().int().positive().default(180),
  expiresSoonDays: z.number().int().nonnegative().default(14),
  maxIpv4PrefixWidth: z.number().int().min(0).max(32).default(24),
  maxIpv6PrefixWidth: z.number().int().min(0).max(128).default(48),
}) satisfies z.ZodType<Thresholds, unknown>;

/**
 * One accepted finding. An acceptance names a key by the connection and account it was found in, never by its apiKey
 * alone: an apiKey can be masked ("******", shared by every key the exchange masks) or appear in two connections.
 * Entries from before keyaudit recorded the scope (no connectionId) still load; policy-acceptance.ts says how they match.
 */
export const acceptanceSchema = z
  .strictObject({
    /**
     * Written by keyaudit with each entry, so the Accepted risks view can edit or revoke it by a handle that survives its
     * edits. Entries without one (hand-written, or older) get one derived from their content (acceptance-ids.ts).
     */
    id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, { error: 'expected 1 to 40 letters, digits, "_" or "-"' }).optional(),
    ruleId: ruleIdSchema,
    /** The key as keyaudit reports it (the calling key's apiKey is masked there). */
    apiKey: z.string().min(1),
    exchange: exchangeIdSchema,
    /** The connection the key was found through (`keyaudit list` shows the ids). */
    connectionId: z.string().min(1).optional(),
    /** The account the key was found in: "master", or the exchange's sub-account name. */
    account: z.strictObject({ kind: z.enum(['master', 'sub']), name: z.string().min(1) }).optional(),
    /** The key's id in the audit; the only handle on a key whose apiKey the exchange masked. */
    keyId: z.string().min(1).optional(),
    /** Why the risk is accepted: shown beside the finding. */
    reason: z.string().trim().min(1),
    /** A date means 00:00 UTC that day; from then on the finding counts again. */
    expiresAt: isoDateOrDateTimeSchema,
    /** When it was accepted (written by keyaudit; absent in older entries). */
    acceptedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .superRefine((acceptance, context) => {
    if ((acceptance.connectionId === undefined) !== (acceptance.account === undefined)) {
      context.addIssue({ code: 'custom', path: [acceptance.account ? 'connectionId' : 'account'], message: 'connectionId and account go together: name both, or neither' });
    }
    if (acceptance.keyId !== undefined && acceptance.connectionId === undefined) {
      context.addIssue({ code: 'custom', path: ['connectionId'], message: 'a keyId needs the connectionId and account it was found in' });
    }
  });
export type Acceptance = z.infer<typeof acceptanceSchema>;

// Keys and values are checked in one pass so that every problem is reported at once
// (a zod refinement after a failed value check would never run).
const severityOverridesSchema = z
  .record(z.string(), z.unknown())
  .superRefine((overrides, context) => {
    for (const [ruleId, severity] of Object.entries(overrides)) {
      if (!isRuleId(ruleId)) context.addIssue({ code: 'custom', path: [ruleId], message: `unknown rule id ${JSON.stringify(ruleId)}` });
      if (!severitySchema.safeParse(severity).success) {
        context.addIssue({ code: 'custom', path: [ruleId], message: `expected one of ${SEVERITIES.join(', ')}` });
      }
    }
  })
  .transform((overrides) => overrides as Partial<Record<RuleId, Severity>>);

/** What `keyaudit watch` sends to the alert channels: each trigger with its own threshold. */
export const alertPolicySchema = z.strictObject({
  /** A change of a key since the last watched run (new key, capability gained, whitelist removed, finding opened…) at this severity or above. */
  changesMinSeverity: severitySchema.default('high'),
  /** A connection that started failing (high: "invalid key" is how an exchange-side deletion shows) or recovered (info), at this severity or above. */
  connectionsMinSeverity: severitySchema.default('info'),
  /** Days before an exchange's deadline for a key at which it is announced, each point once. */
  deadlineAlertDays: z.array(z.number().int().min(1).max(90)).max(5).default([7, 1]),
});
export type AlertPolicy = z.infer<typeof alertPolicySchema>;

/** policy.json in the data directory. Every field is optional; unknown fields are errors. */
export const policySchema = z.strictObject({
  version: z.literal(1, { error: 'unsupported policy version; this keyaudit reads version 1' }).default(1),
  thresholds: thresholdsSchema.prefault({}),
  disabledRules: z.array(ruleIdSchema).default([]),
  severityOverrides: severityOverridesSchema.default({}),
  acceptances: z.array(acceptanceSchema).default([]),
  /** Recorded audit runs older than this many days are pruned after each new run; null keeps everything. */
  historyRetentionDays: z.number().int().positive().max(36_500).nullable().default(null),
  alerts: alertPolicySchema.prefault({}),
});
export type Policy = z.infer<typeof policySchema>;

export const defaultPolicy: Policy = policySchema.parse({});

/** Dotted path for error messages: acceptances[0].ruleId. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

/** Every problem in a policy value, one line each with its path; empty when the value is valid. */
export function listPolicyProblems(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const message = issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}` : issue.message;
    return `${formatIssuePath(issue.path)}: ${message}`;
  });
}

export const KNOWN_RULE_IDS_LINE = `Known rule ids: ${RULE_IDS.join(', ')}.`;
