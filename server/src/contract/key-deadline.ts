import { z } from 'zod';

/**
 * What an exchange's own rule will do to a key, and when (server/src/findings/exchange-key-rules.ts holds
 * the rules, each with its official source). `dueAt` is null when the rule's clock cannot be read: an
 * inactivity rule on an exchange that does not report when a key was last used.
 */
export const KEY_DEADLINE_EFFECTS = ['deleted', 'deleted-or-loses-trading', 'loses-trading', 'expires'] as const;

export const keyDeadlineSchema = z.object({
  /** The rule in exchange-key-rules.ts. */
  ruleId: z.string(),
  effect: z.enum(KEY_DEADLINE_EFFECTS),
  dueAt: z.iso.datetime().nullable(),
  /** Where dueAt comes from: a date the exchange reported, or the rule's clock started at the key's last use or creation. */
  basis: z.enum(['reported', 'last-used', 'created', 'unknown']),
  /** The rule in one sentence, as the exchange states it: "OKX deletes … after 14 days of inactivity". */
  rule: z.string(),
  sourceUrl: z.url(),
  /** The day the rule was read at its source (YYYY-MM-DD): rules change, and a reader should know how fresh this is. */
  readOn: z.string(),
});
export type KeyDeadline = z.infer<typeof keyDeadlineSchema>;
