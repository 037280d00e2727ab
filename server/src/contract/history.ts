import { z } from 'zod';
import { exchangeIdSchema } from './exchange-id.ts';
import { capabilitySchema } from './capability.ts';
import { accountRefSchema, auditedKeySchema } from './audited-key.ts';
import { findingSchema, severitySchema, SEVERITIES } from './finding.ts';
import { auditRunSchema } from './audit-run.ts';

/**
 * The audit history (issue: "History: every audit remembered, every change explained"): every recorded
 * run, and the changes between any two. The JSON of `keyaudit changes --format json` is `changesReportSchema`;
 * other tools script against it, so a field is only ever added, and `schemaVersion` moves on any other change.
 */

/** Who recorded a run: the dashboard, `keyaudit audit`, `keyaudit watch`, or the demo's invented past. */
export const RUN_SOURCES = ['dashboard', 'cli', 'watch', 'demo-seed'] as const;
export const runSourceSchema = z.enum(RUN_SOURCES);

export const runIdSchema = z.number().int().positive();
export type RunId = z.infer<typeof runIdSchema>;

const severityCountsSchema = z.object(Object.fromEntries(SEVERITIES.map((severity) => [severity, z.number().int().nonnegative()])) as Record<(typeof SEVERITIES)[number], z.ZodNumber>);

/** One recorded run as `keyaudit history` and the timeline list it: counts only, nothing that identifies a key. */
export const runSummarySchema = z.object({
  runId: runIdSchema,
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  source: runSourceSchema,
  connections: z.object({ ok: z.number().int(), partial: z.number().int(), failed: z.number().int() }),
  keys: z.number().int().nonnegative(),
  /** Open (not accepted) findings by severity. */
  findings: severityCountsSchema,
  /** A `keyaudit watch` run's interval: the next watched run is due finishedAt… startedAt + this. Absent for other runs. */
  watchEveryMs: z.number().int().positive().optional(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

/** A recorded run read back whole: what the dashboard shows at once while a fresh audit streams in. */
export const recordedRunSchema = z.object({
  summary: runSummarySchema,
  run: auditRunSchema,
});
export type RecordedRun = z.infer<typeof recordedRunSchema>;

/**
 * A connection's keys as last read, from the newest recorded run in which it did not fail: what the dashboard keeps
 * on screen (marked stale, with their age) while the connection fails, so a failure never reads as fewer risks.
 */
export const lastReadConnectionSchema = z.object({
  runId: runIdSchema,
  /** When that run finished: the age of these keys. */
  at: z.iso.datetime(),
  keys: z.array(auditedKeySchema),
  findings: z.array(findingSchema),
});
export type LastReadConnection = z.infer<typeof lastReadConnectionSchema>;

export const CHANGE_KINDS = [
  'key-added',
  'key-removed',
  'permissions-changed',
  'ip-whitelist-changed',
  'account-added',
  'account-removed',
  'finding-opened',
  'finding-resolved',
  'finding-accepted',
  'connection-failing',
  'connection-recovered',
] as const;
export const changeKindSchema = z.enum(CHANGE_KINDS);
export type ChangeKind = z.infer<typeof changeKindSchema>;

export const changeSchema = z.object({
  kind: changeKindSchema,
  severity: severitySchema,
  exchange: exchangeIdSchema,
  connectionId: z.string(),
  /** null for a change of the whole connection. */
  account: accountRefSchema.nullable(),
  /** The key's public id, masked as everywhere else; null when the change is not about one key. */
  apiKey: z.string().nullable(),
  label: z.string().nullable(),
  /** The audited key's id in the newer run (or the older one for a removed key): the dashboard's link to it. */
  keyId: z.string().nullable(),
  /** One plain sentence: "Key "bot-7" on sub-account alpha gained withdraw." */
  summary: z.string(),
  /**
   * What changed, before → after, in the exchange's own words where it has them: permission words,
   * IP lists (null = any IP, "unknown" = not reported), a finding's rule and title, a connection's error.
   */
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  capabilitiesGained: z.array(capabilitySchema),
  capabilitiesLost: z.array(capabilitySchema),
  /** For finding changes: the rule. */
  ruleId: z.string().nullable().optional(),
  /** For ip-whitelist-changed: the entries the newer list has that the older had not, and the reverse (empty when either is any IP or unknown). */
  ipEntriesAdded: z.array(z.string()).optional(),
  ipEntriesRemoved: z.array(z.string()).optional(),
});
export type Change = z.infer<typeof changeSchema>;

const runPointSchema = z.object({ runId: runIdSchema, finishedAt: z.iso.datetime() });

export const changesReportSchema = z.object({
  schemaVersion: z.literal(1),
  from: runPointSchema,
  to: runPointSchema,
  /** Most severe first. */
  changes: z.array(changeSchema),
});
export type ChangesReport = z.infer<typeof changesReportSchema>;

/** A key's life in the history, for its detail panel: first seen, every change, last seen. */
export const keyTimelineSchema = z.object({
  keyId: z.string(),
  firstSeen: runPointSchema,
  lastSeen: runPointSchema,
  /** Oldest first. */
  events: z.array(z.object({ runId: runIdSchema, at: z.iso.datetime(), change: changeSchema })),
});
export type KeyTimeline = z.infer<typeof keyTimelineSchema>;

/** Whether history can be shown; when it cannot, the dashboard says why and audits go on regardless. */
export const historyStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('available'), storage: z.enum(['file', 'memory']), runs: z.number().int().nonnegative() }),
  z.object({ state: z.literal('locked') }),
  z.object({ state: z.literal('unavailable'), reason: z.string() }),
]);
export type HistoryStatus = z.infer<typeof historyStatusSchema>;
