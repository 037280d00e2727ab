import type { FindingRule, RuleDescriptor } from './finding-rule.ts';
import { IP_ENTRY_RULES } from './ip-entry-rules.ts';
import { LIFETIME_RULES } from './lifetime-rules.ts';
import { PERMISSION_RULES } from './permission-rules.ts';
import { WHITELIST_RULES } from './whitelist-rules.ts';

/** Every rule, in the order findings of equal severity are listed. Adding a rule: add it to its group. */
export const FINDING_RULES = [...WHITELIST_RULES, ...PERMISSION_RULES, ...LIFETIME_RULES, ...IP_ENTRY_RULES] as const;

export type RuleId = (typeof FINDING_RULES)[number]['id'];

export const RULE_IDS = FINDING_RULES.map((rule) => rule.id) as [RuleId, ...RuleId[]];

/** What the README and the UI list: the rules without their code. */
export const RULES: readonly RuleDescriptor<RuleId>[] = FINDING_RULES.map(({ id, severity, title, description }) => ({
  id,
  severity,
  title,
  description,
}));

export function isRuleId(value: string): value is RuleId {
  return (RULE_IDS as readonly string[]).includes(value);
}

export type AnyFindingRule = FindingRule<RuleId>;
