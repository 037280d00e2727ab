import { z } from 'zod';
import { accountRefSchema } from './audited-key.ts';
import { exchangeIdSchema } from './exchange-id.ts';
import { severitySchema } from './finding.ts';

/**
 * Which key of the current audit an acceptance covers:
 * - listed: the audit lists the key (`key` says which);
 * - key-gone: its connection was read and no longer lists the key (revoked, or renamed out of its account);
 * - not-read: its connection has not been read in the current audit (still reading, failed, or no audit yet), so it cannot tell;
 * - unscoped: an entry written before acceptances named their connection and account that no longer identifies a single key,
 *   so it matches nothing (server/src/findings/policy-acceptance.ts).
 */
export const ACCEPTANCE_MATCHES = ['listed', 'key-gone', 'not-read', 'unscoped'] as const;
export const acceptanceMatchSchema = z.enum(ACCEPTANCE_MATCHES);
export type AcceptanceMatch = z.infer<typeof acceptanceMatchSchema>;

/** One accepted risk as the Accepted risks view shows it: the rule in words, the key in people's terms, never a whole apiKey. */
export const acceptanceViewSchema = z.object({
  /** Stable while the entry exists: written into policy.json with the entry, or derived from an older entry's content. */
  id: z.string(),
  ruleId: z.string(),
  ruleTitle: z.string(),
  /** The rule's severity under the policy (its override, or the default). */
  severity: severitySchema,
  exchange: exchangeIdSchema,
  /** null for an entry without a recorded account (written before acceptances were scoped). */
  account: accountRefSchema.nullable(),
  /** The key in the current audit, when `match` is listed. */
  key: z.object({ keyId: z.string(), label: z.string(), maskedKey: z.string() }).nullable(),
  /** The key as recorded in the entry, masked: what the user can still recognise when the key is gone. */
  recordedMaskedKey: z.string(),
  match: acceptanceMatchSchema,
  reason: z.string(),
  /** When it was accepted; null for entries written before keyaudit recorded it. */
  acceptedAt: z.iso.datetime({ offset: true }).nullable(),
  /** The instant the acceptance ends (a date in policy.json means 00:00 UTC that day). */
  expiresAt: z.iso.datetime({ offset: true }),
});
export type AcceptanceView = z.infer<typeof acceptanceViewSchema>;

export const acceptanceListSchema = z.object({ acceptances: z.array(acceptanceViewSchema) });
export type AcceptanceList = z.infer<typeof acceptanceListSchema>;

/** Edits one acceptance: a new reason, a new end day, or both. */
export const editAcceptanceInputSchema = z
  .object({
    reason: z.string().trim().min(1).max(200).optional(),
    /** The day the acceptance ends (YYYY-MM-DD); it must lie in the future. */
    expiresAt: z.iso.date().optional(),
  })
  .refine((input) => input.reason !== undefined || input.expiresAt !== undefined, { error: 'Give a new reason or a new end date.' });
export type EditAcceptanceInput = z.infer<typeof editAcceptanceInputSchema>;
