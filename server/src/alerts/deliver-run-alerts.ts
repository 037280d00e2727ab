import type { AlertWebhook, UpcomingDeadline } from '@contract/alert-webhook.ts';
import type { AuditRun } from '@contract/audit-run.ts';
import type { ChangesReport, RecordedRun, RunSummary } from '@contract/history.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import type { HttpTransport } from '../exchanges/http-transport.ts';
import type { AlertPolicy } from '../findings/policy.ts';
import { keyDeadlines } from '../findings/exchange-key-rules.ts';
import { computeChanges } from '../history/compute-changes.ts';
import type { AlertDeliveryRecord, HistoryStore } from '../history/history-store.ts';
import type { Logger } from '../logging/logger.ts';
import type { StoredAlertChannel } from '../vault/vault-content.ts';
import { alertChannelConfigSchema, type AlertChannel } from './alert-channel.ts';
import { buildAlertRequest } from './alert-request.ts';
import { selectAlertContent } from './select-alert-content.ts';
import { sendAlert, type SendOptions } from './send-alert.ts';

const DAY_MS = 86_400_000;

/** A stored channel with its settings revealed, for the one request that sends to it. */
export function revealAlertChannel(channel: StoredAlertChannel): AlertChannel {
  return { id: channel.id, label: channel.label, config: alertChannelConfigSchema.parse(JSON.parse(channel.config.reveal())) };
}

/**
 * The run the changes are counted from: the previous watched run, so a dashboard or CLI audit in between does not
 * swallow a change before watch sees it; else any earlier run; else none (the first run: every key is new, and a
 * dangerous one is announced).
 */
function changesSinceLastWatch(store: HistoryStore, summary: RunSummary, run: AuditRun): ChangesReport {
  const earlier = store.listRuns().filter((candidate) => candidate.runId < summary.runId);
  const baseline = earlier.find((candidate) => candidate.source === 'watch') ?? earlier[0];
  const to: RecordedRun = { summary, run };
  if (baseline === undefined) {
    const empty: RecordedRun = { summary: { ...summary, runId: 0 as never, keys: 0 }, run: { ...run, connections: [], keys: [], findings: [] } };
    return computeChanges(empty, to);
  }
  const pair = store.loadForChanges(baseline.runId, summary.runId);
  return pair ? computeChanges(pair[0], pair[1]) : computeChanges({ summary: baseline, run: { ...run, connections: [], keys: [], findings: [] } }, to);
}

/** Every key's exchange deadline that has a date, with whole days left (rounded up, as the findings say them). */
export function upcomingDeadlinesOf(run: AuditRun, nowMs: number): UpcomingDeadline[] {
  return run.keys.flatMap((key) =>
    keyDeadlines(key).flatMap((deadline) => {
      const dueMs = deadline.dueAt === null ? Number.NaN : Date.parse(deadline.dueAt);
      if (Number.isNaN(dueMs)) return [];
      const daysLeft = Math.ceil((dueMs - nowMs) / DAY_MS);
      return [{ exchange: key.exchange, connectionId: key.connectionId, account: key.account, apiKey: maskApiKey(key.apiKey), label: key.label, deadline, daysLeft }];
    }),
  );
}

export type RunAlertsResult = { deliveries: AlertDeliveryRecord[]; changesConsidered: number };

/**
 * After a watched run is recorded: what is new for each channel (changes since the last watched run at or above
 * their thresholds, deadlines crossing 7 and 1 days, minus what was sent before) as ONE message per channel, sent
 * to all channels at once. A channel that fails is retried with backoff (send-alert.ts), its facts released for
 * the next run, and its failure recorded and logged without its URL. Never throws: alerts never fail the audit.
 */
export async function deliverRunAlerts({ store, channels, summary, run, policy, transport, now, logger, sendOptions = {} }: {
  store: HistoryStore;
  channels: readonly StoredAlertChannel[];
  summary: RunSummary;
  run: AuditRun;
  policy: AlertPolicy;
  transport: HttpTransport;
  now: () => number;
  logger: Logger;
  sendOptions?: Omit<SendOptions, 'transport'>;
}): Promise<RunAlertsResult> {
  if (channels.length === 0) return { deliveries: [], changesConsidered: 0 };
  let report: ChangesReport;
  let deadlines: UpcomingDeadline[];
  try {
    report = changesSinceLastWatch(store, summary, run);
    deadlines = upcomingDeadlinesOf(run, now());
  } catch (error) {
    logger.warn(`alerts: not sent (the changes could not be computed: ${error instanceof Error ? error.name : 'unknown error'})`);
    return { deliveries: [], changesConsidered: 0 };
  }
  const deliveries = await Promise.all(
    channels.map(async (stored): Promise<AlertDeliveryRecord | null> => {
      try {
        const channel = revealAlertChannel(stored);
        const at = new Date(now()).toISOString();
        const content = store.claimAlertFacts(channel.id, at, summary.runId, (wasSent) =>
          selectAlertContent({
            changes: report.changes,
            deadlines,
            minSeverity: policy.changesMinSeverity,
            connectionsMinSeverity: policy.connectionsMinSeverity,
            deadlinePoints: policy.deadlineAlertDays,
            fromRunId: report.from.runId,
            wasSent,
          }),
        );
        if (content.factIds.length === 0) return null;
        const alert: AlertWebhook = { schemaVersion: 1, event: 'audit-alert', sentAt: at, run: summary, changes: content.changes, upcomingDeadlines: content.upcomingDeadlines };
        const bytes = Buffer.byteLength(buildAlertRequest(channel.config, alert).body ?? '');
        const result = await sendAlert(channel, alert, { transport, ...sendOptions });
        if (!result.ok) store.releaseAlertFacts(channel.id, content.factIds);
        const delivery: AlertDeliveryRecord = { channelId: channel.id, at: new Date(now()).toISOString(), runId: summary.runId, event: 'audit-alert', ok: result.ok, attempts: result.attempts, reason: result.ok ? `the service answered HTTP ${result.status}` : result.reason, facts: content.factIds.length, bytes };
        store.recordAlertDelivery(delivery);
        if (result.ok) logger.info(`alerts: sent ${content.factIds.length} new fact(s) to ${channel.id} (${stored.kind}) in ${result.attempts} attempt(s), ${bytes} bytes`);
        else logger.warn(`alerts: ${channel.id} (${stored.kind}) not delivered: ${result.reason}; its facts are tried again after the next run`);
        return delivery;
      } catch (error) {
        // A name only: a message could quote a setting.
        logger.warn(`alerts: ${stored.id} (${stored.kind}) skipped (${error instanceof Error ? error.name : 'unknown error'})`);
        return null;
      }
    }),
  );
  return { deliveries: deliveries.filter((delivery) => delivery !== null), changesConsidered: report.changes.length };
}

/** `keyaudit notify test` and the dashboard's "Send test": a message that says the channel works, recorded like any delivery. */
export async function sendTestAlert({ channel, store, transport, now, sendOptions = {} }: {
  channel: StoredAlertChannel;
  store: HistoryStore | null;
  transport: HttpTransport;
  now: () => number;
  sendOptions?: Omit<SendOptions, 'transport'>;
}): Promise<AlertDeliveryRecord> {
  const revealed = revealAlertChannel(channel);
  const at = new Date(now()).toISOString();
  const alert: AlertWebhook = { schemaVersion: 1, event: 'test', sentAt: at, run: null, changes: [], upcomingDeadlines: [] };
  const bytes = Buffer.byteLength(buildAlertRequest(revealed.config, alert).body ?? '');
  // One retry at most: a person is waiting for the answer.
  const result = await sendAlert(revealed, alert, { transport, maxAttempts: 2, baseDelayMs: 1_000, maxWaitMs: 5_000, ...sendOptions });
  const delivery: AlertDeliveryRecord = { channelId: channel.id, at, runId: null, event: 'test', ok: result.ok, attempts: result.attempts, reason: result.ok ? `the service answered HTTP ${result.status}` : result.reason, facts: 0, bytes };
  store?.recordAlertDelivery(delivery);
  return delivery;
}
