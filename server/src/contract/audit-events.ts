import { z } from 'zod';
import { apiErrorCodeSchema } from './api-error-code.ts';
import { exchangeIdSchema } from './exchange-id.ts';
import { failureSchema } from './exchange-error-kind.ts';
import { accountRefSchema, auditedKeySchema } from './audited-key.ts';
import { accountResultSchema, connectionResultSchema } from './audit-run.ts';
import { findingSchema, severitySchema } from './finding.ts';

/** A connection as the run names it before anything is read. */
export const auditedConnectionSchema = connectionResultSchema.pick({ connectionId: true, exchange: true, label: true });
export type AuditedConnection = z.infer<typeof auditedConnectionSchema>;

/**
 * One account as last read: how reading it went, every key on it and the findings on those keys.
 * Applying one replaces whatever the run held for that account, so applying it twice changes nothing.
 * The audit sends one per account; a revoke answers with the re-read account in the same shape.
 */
export const accountStateSchema = z.object({
  connectionId: z.string(),
  result: accountResultSchema,
  keys: z.array(auditedKeySchema),
  findings: z.array(findingSchema),
});
export type AccountState = z.infer<typeof accountStateSchema>;

export const runSummarySchema = z.object({
  connections: z.number().int(),
  accounts: z.number().int(),
  keys: z.number().int(),
  /** Findings not covered by an acceptance, per severity. */
  openFindings: z.record(severitySchema, z.number().int()),
  acceptedFindings: z.number().int(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

/**
 * The audit as a stream (GET /api/audit/events). A run is: run-started, then per connection any number
 * of accounts-listed / account-read / connection-waiting in any order, then its connection-finished; run-finished (or
 * run-failed) comes last. Each event carries a delta, never a snapshot of the whole run.
 */
export const auditEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run-started'),
    runId: z.string(),
    startedAt: z.iso.datetime(),
    /** What will be read: each connection's own account first; a master's sub-accounts follow in accounts-listed. */
    connections: z.array(auditedConnectionSchema),
  }),
  z.object({
    type: z.literal('accounts-listed'),
    connectionId: z.string(),
    /** The sub-accounts a master key reaches: the accounts still to read on this connection. */
    accounts: z.array(accountRefSchema),
  }),
  z.object({ type: z.literal('account-read'), account: accountStateSchema }),
  /**
   * The connection is waiting: the exchange refused a call as rate-limited and it is waited out before the call is
   * repeated. until: when the wait ends (null when the exchange did not say). Lasts until the connection finishes,
   * or, with no end given, until its next account is read.
   */
  z.object({ type: z.literal('connection-waiting'), connectionId: z.string(), reason: z.literal('rate-limit'), until: z.iso.datetime().nullable() }),
  z.object({
    type: z.literal('connection-finished'),
    connectionId: z.string(),
    /** ok: every account answered; partial: some failed; failed: nothing could be read. */
    status: connectionResultSchema.shape.status,
    /** What stopped the connection itself (its own key, or its sub-account list); account failures are on the accounts. */
    error: failureSchema.nullable(),
    /** What the connection's audit could not see (coverage-note.ts); absent when it saw everything the API shows. */
    notes: connectionResultSchema.shape.notes,
  }),
  z.object({ type: z.literal('run-finished'), finishedAt: z.iso.datetime(), summary: runSummarySchema }),
  /** The run could not finish (for example, the policy file is malformed). */
  z.object({ type: z.literal('run-failed'), error: apiErrorCodeSchema, message: z.string() }),
]);
export type AuditEvent = z.infer<typeof auditEventSchema>;
export type AuditEventOf<T extends AuditEvent['type']> = Extract<AuditEvent, { type: T }>;

/**
 * What an action on keys changed in the run: accounts read again, each applied as it is now (the
 * same as an account-read event), and the keys gone since. Revoke answers with one; "restrict" will too.
 */
export const runDeltaSchema = z.object({
  accounts: z.array(accountStateSchema),
  /** Keys the run should no longer list: absent from the re-read account, or deleted where no re-read was possible. */
  removedKeyIds: z.array(z.string()),
});
export type RunDelta = z.infer<typeof runDeltaSchema>;

/**
 * One connection read again on its own (a Retry after it failed): its events in order (accounts-listed, account-read,
 * connection-finished), to apply in place of everything the run held of that connection (applyConnectionReread).
 */
export const connectionRereadSchema = z.object({ connectionId: z.string(), events: z.array(auditEventSchema) });
export type ConnectionReread = z.infer<typeof connectionRereadSchema>;

/**
 * The SSE id of an event: the run and the event's place in it. A resumed stream sends it back as
 * Last-Event-ID and continues after it; an id of a run that is gone starts from the current run.
 */
export function toAuditEventId(runId: string, seq: number): string {
  return `${runId}:${seq}`;
}

export function parseAuditEventId(id: string | null | undefined): { runId: string; seq: number } | null {
  const match = /^([A-Za-z0-9_-]{1,64}):(\d{1,9})$/.exec(id ?? '');
  return match ? { runId: match[1], seq: Number(match[2]) } : null;
}
