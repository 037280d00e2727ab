import { z } from 'zod';
import { exchangeIdSchema } from './exchange-id.ts';
import { exchangeErrorKindSchema } from './exchange-error-kind.ts';
import { accountRefSchema, exchangeKeySchema, ipWhitelistSchema, revocabilitySchema } from './audited-key.ts';
import { grantedCapabilitySchema } from './capability.ts';
import { severitySchema } from './finding.ts';
import { coverageNoteSchema } from './coverage-note.ts';

/**
 * The JSON report other tools consume (`keyaudit audit --format json`, the UI's export).
 * Versioned: fields are only ever added within schemaVersion 1.
 */
export const auditReportSchema = z.object({
  schemaVersion: z.literal(1),
  generatedAt: z.iso.datetime(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  /**
   * Present when the report holds only some keys of the run (the dashboard's "keys on screen" export): how many of how
   * many, and the filters that chose them in words. Absent: every key of the run.
   */
  scope: z.object({ keys: z.number().int(), ofKeys: z.number().int(), description: z.string() }).optional(),
  summary: z.object({
    keys: z.number().int(),
    accounts: z.number().int(),
    connections: z.number().int(),
    findings: z.record(severitySchema, z.number().int()),
    acceptedFindings: z.number().int(),
  }),
  connections: z.array(
    z.object({
      id: z.string(),
      exchange: exchangeIdSchema,
      label: z.string(),
      status: z.enum(['ok', 'partial', 'failed']),
      errorKind: exchangeErrorKindSchema.nullable(),
      failedAccounts: z.array(z.object({ account: z.string(), errorKind: exchangeErrorKindSchema.nullable(), message: z.string() })),
      /** What the audit of this connection could not see (other master keys, unreported withdraw, unread IP lists). */
      notes: z.array(coverageNoteSchema).optional(),
    }),
  ),
  keys: z.array(
    z.object({
      ref: z.string(),
      /** The connection (connections[].id) that listed the key. */
      connectionId: z.string().optional(),
      exchange: exchangeIdSchema,
      account: accountRefSchema,
      apiKey: z.string(),
      label: z.string(),
      permissions: z.array(z.string()),
      capabilities: z.array(grantedCapabilitySchema),
      ipWhitelist: ipWhitelistSchema,
      createdAt: z.string().nullable(),
      expiresAt: z.string().nullable(),
      lastUsedAt: z.string().nullable(),
      isCallingKey: z.boolean(),
      revocability: revocabilitySchema,
      /** Bound to a third-party application; null when the exchange does not say. */
      isThirdPartyBound: z.boolean().nullable().optional(),
      /** What the exchange does not report for this key, and what keyaudit asked for but got no answer to. */
      unreported: exchangeKeySchema.shape.unreported,
      unread: exchangeKeySchema.shape.unread,
      /** Who uses the key and what for, as the user wrote it (`keyaudit annotate`, the detail panel). Absent: none written. */
      owner: z.string().nullable().optional(),
      purpose: z.string().nullable().optional(),
      tags: z.array(z.string()).optional(),
    }),
  ),
  findings: z.array(
    z.object({
      ruleId: z.string(),
      severity: severitySchema,
      keyRef: z.string(),
      title: z.string(),
      why: z.string(),
      fix: z.string(),
      accepted: z.boolean(),
      acceptance: z.object({ reason: z.string(), expiresAt: z.string() }).nullable(),
    }),
  ),
});
export type AuditReport = z.infer<typeof auditReportSchema>;

/** What the dashboard asks to export: a format, and optionally only the keys on screen, with their filters in words. */
export const REPORT_EXPORT_FORMATS = ['json', 'csv', 'md', 'html', 'sarif'] as const;
export const reportExportInputSchema = z.object({
  format: z.enum(REPORT_EXPORT_FORMATS),
  only: z.object({ keyIds: z.array(z.string().max(300)).max(200_000), description: z.string().max(500) }).optional(),
});
export type ReportExportInput = z.infer<typeof reportExportInputSchema>;
