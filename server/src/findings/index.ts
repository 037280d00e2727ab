export { evaluateFindings, type EvaluateOptions } from './evaluate-findings.ts';
export { loadPolicy, parsePolicy, PolicyError } from './load-policy.ts';
export { defaultPolicy, policySchema, type Policy, type Acceptance } from './policy.ts';
export { RULES, RULE_IDS, type RuleId } from './rules.ts';
export type { RuleDescriptor, Thresholds } from './finding-rule.ts';
export { summarizeFindings } from './summarize-findings.ts';
export { SEVERITY_RANK, worstSeverity, isAccepted } from './worst-severity.ts';
export { createFilePolicyStore, createMemoryPolicyStore, POLICY_FILE_NAME, type PolicyStore } from './policy-store.ts';
