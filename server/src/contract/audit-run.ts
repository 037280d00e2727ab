import { z } from 'zod';
import { exchangeIdSchema } from './exchange-id.ts';
import { failureSchema } from './exchange-error-kind.ts';
import { accountRefSchema, auditedKeySchema } from './audited-key.ts';
import { findingSchema } from './finding.ts';
import { coverageNoteSchema } from './coverage-note.ts';

export const accountResultSchema = z.object({
  account: accountRefSchema,
  status: z.enum(['ok', 'failed']),
  error: failureSchema.nullable(),
  keyCount: z.number().int(),
});
export type AccountResult = z.infer<typeof accountResultSchema>;

export const connectionResultSchema = z.object({
  connectionId: z.string(),
  exchange: exchangeIdSchema,
  label: z.string(),
  /** ok: every account answered; partial: some failed; failed: nothing could be read. */
  status: z.enum(['ok', 'partial', 'failed']),
  error: failureSchema.nullable(),
  accounts: z.array(accountResultSchema),
  /** What the audit of this connection could not see although nothing failed (coverage-note.ts). */
  notes: z.array(coverageNoteSchema).optional(),
});
export type ConnectionResult = z.infer<typeof connectionResultSchema>;

export const auditRunSchema = z.object({
  schemaVersion: z.literal(1),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  connections: z.array(connectionResultSchema),
  keys: z.array(auditedKeySchema),
  findings: z.array(findingSchema),
});
export type AuditRun = z.infer<typeof auditRunSchema>;
