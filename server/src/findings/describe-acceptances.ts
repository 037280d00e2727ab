import type { AcceptanceMatch, AcceptanceView } from '@contract/acceptances.ts';
import type { AuditRun } from '@contract/audit-run.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import { acceptanceIds } from './acceptance-ids.ts';
import { createAcceptanceMatcher } from './policy-acceptance.ts';
import type { Acceptance, Policy } from './policy.ts';
import { RULES } from './rules.ts';

/** Whether the run read the account an acceptance names: a failed connection or account says nothing about its keys. */
function wasRead(run: AuditRun, acceptance: Acceptance): boolean {
  const connection = run.connections.find((candidate) => candidate.connectionId === acceptance.connectionId);
  if (!connection || connection.status === 'failed') return false;
  const account = connection.accounts.find((candidate) => candidate.account.kind === acceptance.account?.kind && candidate.account.name === acceptance.account?.name);
  // A connection read without this account listed: the sub-account itself is gone, and its keys with it.
  return account === undefined || account.status === 'ok';
}

/**
 * Every acceptance of the policy as the Accepted risks view lists it: the rule in words, and the key it covers in `run`
 * (the last completed audit; null before the first, when nothing can be said about any key). Matching is the audit's
 * own (policy-acceptance.ts), so the list never claims a key the audit would not mark accepted.
 */
export function describeAcceptances(policy: Policy, run: AuditRun | null): AcceptanceView[] {
  const keys = run?.keys ?? [];
  const covers = createAcceptanceMatcher(keys);
  const ids = acceptanceIds(policy.acceptances);
  return policy.acceptances.map((acceptance, index) => {
    const rule = RULES.find((candidate) => candidate.id === acceptance.ruleId)!;
    const key = keys.find((candidate) => covers(acceptance, candidate)) ?? null;
    let match: AcceptanceMatch = 'listed';
    if (!key) {
      if (acceptance.connectionId === undefined) match = 'unscoped';
      else match = run && wasRead(run, acceptance) ? 'key-gone' : 'not-read';
    }
    return {
      id: ids[index]!,
      ruleId: acceptance.ruleId,
      ruleTitle: rule.title,
      severity: policy.severityOverrides[acceptance.ruleId] ?? rule.severity,
      exchange: acceptance.exchange,
      account: acceptance.account ?? key?.account ?? null,
      key: key && { keyId: key.id, label: key.label, maskedKey: maskApiKey(key.apiKey) },
      recordedMaskedKey: maskApiKey(acceptance.apiKey),
      match,
      reason: acceptance.reason,
      acceptedAt: acceptance.acceptedAt ?? null,
      expiresAt: new Date(Date.parse(acceptance.expiresAt)).toISOString(),
    };
  });
}
