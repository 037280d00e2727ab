import { z } from 'zod';
import { keyDeadlineSchema } from './key-deadline.ts';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

export const findingSchema = z.object({
  ruleId: z.string(),
  severity: severitySchema,
  keyId: z.string(),
  title: z.string(),
  why: z.string(),
  fix: z.string(),
  /** Set while a policy acceptance covers this finding; such findings are not counted in summaries. */
  acceptance: z.object({ reason: z.string(), expiresAt: z.string() }).nullable().optional(),
  /** For findings about an exchange's own expiry or deletion rule: which rule, and when it strikes. */
  deadline: keyDeadlineSchema.nullable().optional(),
});
export type Finding = z.infer<typeof findingSchema>;
