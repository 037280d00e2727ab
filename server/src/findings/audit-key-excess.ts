import type { ExchangeKey } from '@contract/audited-key.ts';
import { auditKeyTooPowerful } from './permission-rules.ts';
import { thresholdsSchema } from './policy.ts';

/**
 * What a key about to become keyaudit's own can do beyond an audit's needs, judged by the audit-key-too-powerful rule
 * itself, so adding a connection warns in exactly the words the audit would later use. null: nothing beyond them.
 */
export function auditKeyExcess(key: ExchangeKey): { why: string; fix: string } | null {
  const hit = auditKeyTooPowerful.evaluate({ ...key, id: 'candidate', connectionId: 'candidate', isCallingKey: true }, { nowMs: Date.now(), thresholds: thresholdsSchema.parse({}) });
  return hit && { why: hit.why, fix: hit.fix };
}
