import type { AuditedKey } from '@contract/audited-key.ts';
import type { RestrictDrop } from '@contract/restriction-plan.ts';

/** What the keys view asks the restrict dialog for: a whitelist, or permissions to take away (a finding may preselect them). */
export type RestrictAsk = { kind: 'ips' } | { kind: 'drop'; drop: RestrictDrop[] };
export type OnRestrictKeys = (keys: AuditedKey[], ask: RestrictAsk) => void;

/** The Fix a finding offers in place of revoking, by rule: bind the key to IPs, or take the permission away. */
export function restrictFixFor(ruleId: string): { label: string; ask: RestrictAsk } | null {
  if (ruleId.endsWith('-without-ip-whitelist') || ruleId.includes('unbound')) return { label: 'Fix: restrict IPs', ask: { kind: 'ips' } };
  if (ruleId === 'withdraw-enabled') return { label: 'Fix: remove withdrawals', ask: { kind: 'drop', drop: ['withdraw'] } };
  return null;
}
