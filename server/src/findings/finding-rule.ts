import type { AuditedKey } from '@contract/audited-key.ts';
import type { Severity } from '@contract/finding.ts';
import type { KeyDeadline } from '@contract/key-deadline.ts';

/** Limits the rules compare against; policy.json can change each of them. */
export type Thresholds = {
  /** A key created longer ago than this is reported as old. */
  maxKeyAgeDays: number;
  /** A key whose expiry is this close is reported as expiring soon. */
  expiresSoonDays: number;
  /** The shortest IPv4 prefix a whitelist entry may have (24 → a /23 or wider is "broad"). */
  maxIpv4PrefixWidth: number;
  /** The shortest IPv6 prefix a whitelist entry may have (48 → a /47 or wider is "broad"). */
  maxIpv6PrefixWidth: number;
};

export type RuleContext = {
  /** The instant the audit is judged at, in milliseconds since epoch. */
  nowMs: number;
  thresholds: Thresholds;
  /**
   * When keyaudit itself last made a successful signed call with this key (the usage ledger), or null: the only
   * use keyaudit can vouch for, so it restarts an inactivity rule's clock alongside what the exchange reports.
   */
  keyauditLastUsedAt?: (key: AuditedKey) => string | null;
};

/** What a rule says about one key when it matches: plain words, specific to that key. */
export type RuleHit = { why: string; fix: string; deadline?: KeyDeadline };

/** What the README and the UI show about a rule. */
export type RuleDescriptor<Id extends string = string> = {
  id: Id;
  /** Default severity; policy.json may override it. */
  severity: Severity;
  title: string;
  /** When the rule fires, in one sentence. */
  description: string;
};

/** A pure function of one key: no I/O, no clock other than context.nowMs. */
export type FindingRule<Id extends string = string> = RuleDescriptor<Id> & {
  evaluate(key: AuditedKey, context: RuleContext): RuleHit | null;
};

/** Keeps the rule id as a literal type so RULE_IDS is a closed union. */
export function defineRule<const Id extends string>(rule: FindingRule<Id>): FindingRule<Id> {
  return rule;
}
