import { z } from 'zod';
import { changeSchema, runSummarySchema } from './history.ts';
import { exchangeIdSchema } from './exchange-id.ts';
import { accountRefSchema } from './audited-key.ts';
import { keyDeadlineSchema } from './key-deadline.ts';

/**
 * The JSON a generic webhook receives (`keyaudit notify add webhook`): one message per audit run, grouping
 * everything new since the last alert. Versioned like the reports: fields are only added within schemaVersion 1.
 * It never holds a secret or a whole API key (keys are masked as everywhere else).
 */
export const upcomingDeadlineSchema = z.object({
  exchange: exchangeIdSchema,
  connectionId: z.string(),
  account: accountRefSchema,
  /** Masked. */
  apiKey: z.string(),
  label: z.string(),
  deadline: keyDeadlineSchema,
  /** Whole days until deadline.dueAt when the message was built (7 and 1 are the alert points). */
  daysLeft: z.number().int(),
});
export type UpcomingDeadline = z.infer<typeof upcomingDeadlineSchema>;

export const alertWebhookSchema = z.object({
  schemaVersion: z.literal(1),
  event: z.enum(['audit-alert', 'test']),
  sentAt: z.iso.datetime(),
  /** The run that raised the alert; null for `keyaudit notify test`. */
  run: runSummarySchema.nullable(),
  /** Changes at or above the channel's threshold, most severe first (the `changes` objects of `keyaudit changes`). */
  changes: z.array(changeSchema),
  upcomingDeadlines: z.array(upcomingDeadlineSchema),
});
export type AlertWebhook = z.infer<typeof alertWebhookSchema>;
