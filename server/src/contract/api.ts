import { z } from 'zod';
import { auditRunSchema } from './audit-run.ts';
import { auditEventSchema, connectionRereadSchema, runDeltaSchema } from './audit-events.ts';
import { exchangeIdSchema } from './exchange-id.ts';
import { credentialFieldsProblem } from './exchanges.ts';
import { exchangeKeySchema } from './audited-key.ts';
import { failureSchema } from './exchange-error-kind.ts';
import { apiErrorCodeSchema } from './api-error-code.ts';
import { restrictionPlanSchema, restrictKeyStateSchema, restrictRequestSchema } from './restriction-plan.ts';
import { addAlertChannelInputSchema, alertChannelSummarySchema, alertDeliverySummarySchema, watchScheduleSchema } from './alert-channels.ts';
import { changesReportSchema, historyStatusSchema, keyTimelineSchema, lastReadConnectionSchema, recordedRunSchema, runIdSchema, runSummarySchema } from './history.ts';
import { reportExportInputSchema } from './audit-report.ts';
import { acceptanceListSchema, acceptanceViewSchema, editAcceptanceInputSchema } from './acceptances.ts';
import { keyAnnotationInputSchema, keyAnnotationListSchema } from './key-annotation.ts';

/** Every error the API sends: a stable code, plain words, and an id to find the log line. */
export const apiErrorSchema = z.object({
  error: apiErrorCodeSchema,
  message: z.string(),
  requestId: z.string(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export const createSessionInputSchema = z.object({ launchToken: z.string().min(1).max(200) });
export type CreateSessionInput = z.infer<typeof createSessionInputSchema>;
export const sessionSchema = z.object({ sessionToken: z.string() });

export const statusSchema = z.object({
  /** demo: built-in simulators with seeded accounts; live: the user's own connections. */
  mode: z.enum(['demo', 'live']),
  /** In demo mode, the passphrase every demo sub-account key was created with, so revoke can be tried. */
  demoKeyPassphrase: z.string().nullable(),
  /** none: no vault on disk (demo mode); locked: the UI must ask for the vault passphrase. */
  vault: z.enum(['none', 'locked', 'unlocked']),
  /**
   * Until when this session may revoke, restrict or accept a risk without entering the vault passphrase again
   * (docs/security-model.md#recent-passphrase): null when it must enter it first. Absent in the demo (never asked).
   * Only the moment: never the passphrase.
   */
  recentPassphraseUntil: z.iso.datetime().nullable().optional(),
  /** A session with no request for this long ends: the page says so when it happens, not at the next click. */
  sessionIdleMs: z.number().int().positive().optional(),
  /**
   * Why the vault locked itself without being asked: another keyaudit process saved it so that the key held in memory
   * no longer opens it — `passphrase-changed` (`keyaudit passwd`, or the file replaced by another vault) or
   * `vault-unreadable`. Null or absent otherwise.
   */
  lockedBecause: z.enum(['passphrase-changed', 'vault-unreadable']).nullable().optional(),
  /**
   * Saves made to the open vault by another keyaudit process (the CLI), already taken in: `count` grows with each,
   * `last` says what the latest one changed. Absent in the demo.
   */
  outsideChanges: z
    .object({
      count: z.number().int().nonnegative(),
      last: z
        .object({
          connectionsAdded: z.number().int().nonnegative(),
          connectionsRemoved: z.number().int().nonnegative(),
          connectionsRenamed: z.number().int().nonnegative(),
          alertChannelsChanged: z.boolean(),
        })
        .nullable(),
    })
    .optional(),
});
export type Status = z.infer<typeof statusSchema>;
export type VaultOutsideChanges = NonNullable<Status['outsideChanges']>;

export const revokeKeyInputSchema = z.object({
  /** The revoked key's own passphrase, where the exchange requires it (KuCoin). */
  keyPassphrase: z.string().max(256).optional(),
});
export type RevokeKeyInput = z.infer<typeof revokeKeyInputSchema>;
/** How sure keyaudit is that the key is gone, after reading its account again. */
export const REVOKE_CONFIRMATIONS = ['gone', 'still-listed', 'unconfirmed'] as const;
export const revokeResultSchema = z.object({
  /** The exchange answered the delete as done. */
  revoked: z.literal(true),
  keyId: z.string(),
  /**
   * gone: the account, read again, no longer lists the key. still-listed: it does (the exchange did not
   * really delete it). unconfirmed: the account could not be read again; the key is taken off the list
   * on the exchange's word.
   */
  confirmation: z.enum(REVOKE_CONFIRMATIONS),
  /** Plain words for still-listed and unconfirmed; null when the key is gone. */
  message: z.string().nullable(),
  /** The account as read again, to apply to the run in place of re-auditing. */
  delta: runDeltaSchema,
});
export type RevokeResult = z.infer<typeof revokeResultSchema>;

/** Disable takes no input: the key is named by the path, and nothing but the vault passphrase is asked. */
export const disableKeyInputSchema = z.object({}).strict();
/**
 * disabled: the account, read again, lists the key as disabled. differs: the exchange answered that it disabled the
 * key, but the re-read lists it enabled, or no longer lists it. unconfirmed: the account could not be read again.
 */
export const DISABLE_CONFIRMATIONS = ['disabled', 'differs', 'unconfirmed'] as const;
export const disableResultSchema = z.object({
  keyId: z.string(),
  confirmation: z.enum(DISABLE_CONFIRMATIONS),
  /** Plain words for differs and unconfirmed; null when the key is listed disabled. */
  message: z.string().nullable(),
  /** The account as read again, to apply to the run in place of re-auditing. */
  delta: runDeltaSchema,
});
export type DisableResult = z.infer<typeof disableResultSchema>;

/** Restrict: the same request for the preview and the change; the change may carry the key's own passphrase (KuCoin). */
export const restrictPreviewInputSchema = restrictRequestSchema;
export const restrictKeyInputSchema = restrictRequestSchema.extend({ keyPassphrase: z.string().max(256).optional() });
export type RestrictKeyInput = z.infer<typeof restrictKeyInputSchema>;
/** What would be sent, or why nothing would: nothing leaves the machine for a preview. */
export const restrictPreviewSchema = z.union([
  z.object({ ok: z.literal(true), keyId: z.string(), plan: restrictionPlanSchema }),
  z.object({ ok: z.literal(false), keyId: z.string(), reason: z.string(), manageUrl: z.string() }),
]);
export type RestrictPreview = z.infer<typeof restrictPreviewSchema>;
/**
 * as-asked: the key, read again, is in the state asked for. differs: the exchange confirmed but reports something
 * else (shown in red, logged). unconfirmed: the account could not be read again.
 */
export const RESTRICT_CONFIRMATIONS = ['as-asked', 'differs', 'unconfirmed'] as const;
export const restrictResultSchema = z.object({
  keyId: z.string(),
  plan: restrictionPlanSchema,
  confirmation: z.enum(RESTRICT_CONFIRMATIONS),
  /** The key as the exchange reports it after the change; null when it could not be read. */
  reported: restrictKeyStateSchema.nullable(),
  /** Plain words for differs and unconfirmed; null when as asked. */
  message: z.string().nullable(),
  /** The account as read again, to apply to the run in place of re-auditing. */
  delta: runDeltaSchema,
});
export type RestrictResult = z.infer<typeof restrictResultSchema>;

export const unlockVaultInputSchema = z.object({ passphrase: z.string().min(1).max(1024) });
export type UnlockVaultInput = z.infer<typeof unlockVaultInputSchema>;
export const okSchema = z.object({ ok: z.literal(true) });

export const connectionSummarySchema = z.object({
  id: z.string(),
  exchange: exchangeIdSchema,
  label: z.string(),
  /** First and last four characters of the API key; secrets are never sent back. */
  maskedKey: z.string(),
  baseUrl: z.string().nullable(),
});
export type ConnectionSummary = z.infer<typeof connectionSummarySchema>;
export const connectionListSchema = z.object({ connections: z.array(connectionSummarySchema) });

const credentialInputObject = z.object({
  exchange: exchangeIdSchema,
  apiKey: z.string().trim().min(1).max(256),
  secret: z.string().trim().min(1).max(512),
  passphrase: z.string().max(256).optional(),
  baseUrl: z.url({ protocol: /^https?$/ }).nullable().optional(),
});
/** Exactly the exchange's credential fields (exchanges.ts): a passphrase where its keys have one, none elsewhere. */
function checkCredentialFields(input: z.infer<typeof credentialInputObject>, ctx: z.RefinementCtx): void {
  const problem = credentialFieldsProblem(input.exchange, input);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['passphrase'] });
}
export const credentialInputSchema = credentialInputObject.superRefine(checkCredentialFields);
export type CredentialInput = z.infer<typeof credentialInputSchema>;
export const addConnectionInputSchema = credentialInputObject.extend({ label: z.string().trim().min(1).max(80) }).superRefine(checkCredentialFields);
export type AddConnectionInput = z.infer<typeof addConnectionInputSchema>;
export const renameConnectionInputSchema = z.object({ label: z.string().trim().min(1).max(80) });

/** What testing a credential before saving it tells the user. */
export const connectionTestResultSchema = z.object({
  ok: z.boolean(),
  callingKey: exchangeKeySchema.nullable(),
  /** Set when the exchange refused; kind 'ip-not-allowed' means this machine's IP is not whitelisted. */
  error: failureSchema.nullable(),
  /** Set when the key can do more than an audit needs: the audit-key-too-powerful finding's words, said before it is saved. */
  excess: z.object({ why: z.string(), fix: z.string() }).nullable().optional(),
});
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;

export const actionLogEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  action: z.string(),
  outcome: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type ActionLogEntry = z.infer<typeof actionLogEntrySchema>;
export const actionLogSchema = z.object({
  entries: z.array(actionLogEntrySchema),
  verified: z.boolean(),
  /** The newest entry's seq and SHA-256, for the user to write down off the machine; null for an empty log. */
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  /** True when every entry's MAC was checked with the open vault's key; false in the demo or while locked. */
  authenticated: z.boolean(),
});
export type ActionLogView = z.infer<typeof actionLogSchema>;

export const acceptFindingInputSchema = z.object({
  /** The key's id in the latest audit. The acceptance covers that key in its connection and account only, never its apiKey elsewhere. */
  keyId: z.string().min(1).max(64),
  ruleId: z.string().min(1).max(64),
  reason: z.string().trim().min(1).max(200),
  /** The day the acceptance ends (YYYY-MM-DD); the finding then counts again. */
  expiresAt: z.iso.date(),
});
export type AcceptFindingInput = z.infer<typeof acceptFindingInputSchema>;

/** `?from=&to=` of the Changes view: run ids; either may be left out (by default the last two runs). */
export const historyChangesQuerySchema = z.object({
  from: z.coerce.number().pipe(runIdSchema).optional(),
  to: z.coerce.number().pipe(runIdSchema).optional(),
});
export type HistoryChangesQuery = z.input<typeof historyChangesQuerySchema>;
export const historyRunListSchema = z.object({ runs: z.array(runSummarySchema) });
export const keyTimelineAnswerSchema = z.object({ timeline: keyTimelineSchema.nullable() });

/**
 * The route table both sides use: the server mounts handlers under these paths,
 * the client's api-client fills the params and parses responses with these schemas.
 */
export const apiRoutes = {
  createSession: { method: 'POST', path: '/api/session', input: createSessionInputSchema, output: sessionSchema },
  getStatus: { method: 'GET', path: '/api/status', output: statusSchema },
  /**
   * The audit as a server-sent-events stream: joins the run in flight, or starts one, and sends its
   * events from the first (or after Last-Event-ID, to resume); it ends after run-finished. `output`
   * is the schema of one event's data. Read with fetch (the session token goes in a header).
   */
  getAuditEvents: { method: 'GET', path: '/api/audit/events', output: auditEventSchema },
  /** The completed run as one JSON answer, for scripts: joins the run in flight, or runs one. The page uses the stream. */
  getAudit: { method: 'GET', path: '/api/audit', output: auditRunSchema },
  /** The last completed run as a file (JSON, CSV, Markdown, printable HTML, SARIF); `only` limits it to the keys on screen. Answers the file, not JSON. */
  exportReport: { method: 'POST', path: '/api/audit/report', input: reportExportInputSchema, output: z.unknown() },
  revokeKey: { method: 'POST', path: '/api/keys/:keyId/revoke', input: revokeKeyInputSchema, output: revokeResultSchema },
  /** Switches a key off on the exchange without deleting it (where the exchange table's disableKeys allows), then re-reads its account. */
  disableKey: { method: 'POST', path: '/api/keys/:keyId/disable', input: disableKeyInputSchema, output: disableResultSchema },
  /** Before → after of a restriction, in the exchange's words; nothing is sent to the exchange. */
  previewRestriction: { method: 'POST', path: '/api/keys/:keyId/restrict/preview', input: restrictPreviewInputSchema, output: restrictPreviewSchema },
  restrictKey: { method: 'POST', path: '/api/keys/:keyId/restrict', input: restrictKeyInputSchema, output: restrictResultSchema },
  unlockVault: { method: 'POST', path: '/api/vault/unlock', input: unlockVaultInputSchema, output: okSchema },
  lockVault: { method: 'POST', path: '/api/vault/lock', input: z.object({}), output: okSchema },
  listConnections: { method: 'GET', path: '/api/connections', output: connectionListSchema },
  testConnection: { method: 'POST', path: '/api/connections/test', input: credentialInputSchema, output: connectionTestResultSchema },
  addConnection: { method: 'POST', path: '/api/connections', input: addConnectionInputSchema, output: connectionSummarySchema },
  renameConnection: { method: 'PATCH', path: '/api/connections/:connectionId', input: renameConnectionInputSchema, output: connectionSummarySchema },
  removeConnection: { method: 'DELETE', path: '/api/connections/:connectionId', output: okSchema },
  getActionLog: { method: 'GET', path: '/api/action-log', output: actionLogSchema },
  acceptFinding: { method: 'POST', path: '/api/findings/accept', input: acceptFindingInputSchema, output: okSchema },
  /** Every acceptance in the policy, each with the key it covers in the current audit; never starts an audit. */
  listAcceptances: { method: 'GET', path: '/api/acceptances', output: acceptanceListSchema },
  /** A new reason or end day for one acceptance (the vault passphrase entered recently, as for accepting). */
  editAcceptance: { method: 'PATCH', path: '/api/acceptances/:acceptanceId', input: editAcceptanceInputSchema, output: acceptanceViewSchema },
  /** Removes one acceptance: its finding counts again from the next audit. */
  revokeAcceptance: { method: 'DELETE', path: '/api/acceptances/:acceptanceId', output: okSchema },
  /** Owner, purpose and tags of every key that has them, by key id (kept in the vault; memory in the demo). */
  listKeyAnnotations: { method: 'GET', path: '/api/key-annotations', output: keyAnnotationListSchema },
  /** Replaces one key's annotation (all fields empty: removes it); answers with what is stored now, or none. */
  setKeyAnnotation: { method: 'POST', path: '/api/keys/:keyId/annotation', input: keyAnnotationInputSchema, output: keyAnnotationListSchema },
  /** Whether history can be shown, and why not; never an error, so the page can always say it. */
  getHistoryStatus: { method: 'GET', path: '/api/history/status', output: historyStatusSchema },
  /** Every recorded run, newest first. */
  listHistoryRuns: { method: 'GET', path: '/api/history/runs', output: historyRunListSchema },
  /** The last recorded run whole, which the dashboard shows at once while a fresh audit streams in; null before the first. */
  getLatestRecordedRun: { method: 'GET', path: '/api/history/runs/latest', output: recordedRunSchema.nullable() },
  /** The changes between two runs (`query`), by default the last two; null while fewer than two runs are recorded. */
  getHistoryChanges: { method: 'GET', path: '/api/history/changes', query: historyChangesQuerySchema, output: changesReportSchema.nullable() },
  /** A connection's keys as last read (lastReadConnectionSchema); null when no recorded run read it. */
  getLastReadConnection: { method: 'GET', path: '/api/history/connections/:connectionId/last-read', output: lastReadConnectionSchema.nullable() },
  /**
   * Reads one connection again (after it failed) and answers its events, in order: the client applies them in
   * place of what the run holds of that connection, as the server has done to the runs it holds.
   */
  retryConnection: { method: 'POST', path: '/api/audit/connections/:connectionId/retry', input: z.object({}), output: connectionRereadSchema },
  /** One key's life in the history; null timeline for a key never recorded. */
  getKeyTimeline: { method: 'GET', path: '/api/history/keys/:keyId/timeline', output: keyTimelineAnswerSchema },
  /** When keyaudit itself last used the key (its own signed calls only: other applications' use is invisible). */
  getKeyauditUsage: { method: 'GET', path: '/api/history/keys/:keyId/keyaudit-usage', output: z.object({ lastUsedByKeyauditAt: z.iso.datetime().nullable() }) },
  /** When `keyaudit watch` last ran and when its next run is due, from the history. */
  getWatchSchedule: { method: 'GET', path: '/api/history/watch', output: watchScheduleSchema },
  /** Where `keyaudit watch` sends alerts; never a URL or token. */
  listAlertChannels: { method: 'GET', path: '/api/alert-channels', output: z.object({ channels: z.array(alertChannelSummarySchema) }) },
  addAlertChannel: { method: 'POST', path: '/api/alert-channels', input: addAlertChannelInputSchema, output: alertChannelSummarySchema },
  removeAlertChannel: { method: 'DELETE', path: '/api/alert-channels/:channelId', output: okSchema },
  testAlertChannel: { method: 'POST', path: '/api/alert-channels/:channelId/test', input: z.object({}), output: alertDeliverySummarySchema },
} as const;
export type ApiRoutes = typeof apiRoutes;
