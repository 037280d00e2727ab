import { ALERT_CHANNEL_FIELDS, type AlertChannelKind, type AlertChannelSummary, type AlertDeliverySummary } from '@contract/alert-channels.ts';
import type { ActionLog } from '../action-log/action-log.ts';
import type { HttpTransport } from '../exchanges/http-transport.ts';
import type { AlertDeliveryRecord, HistoryAccess, HistoryStore } from '../history/history-store.ts';
import type { StoredAlertChannel } from '../vault/vault-content.ts';
import type { Vault } from '../vault/vault.ts';
import { describeAlertChannel, parseAlertChannelConfig } from './alert-channel.ts';
import { AlertChannelNotFoundError, InvalidAlertChannelError } from './alert-errors.ts';
import { deliverRunAlerts, revealAlertChannel, sendTestAlert, type RunAlertsResult } from './deliver-run-alerts.ts';
import type { AuditRun } from '@contract/audit-run.ts';
import type { RunSummary } from '@contract/history.ts';
import type { PolicyStore } from '../findings/policy-store.ts';
import type { Logger } from '../logging/logger.ts';
import { describeFailure } from '../history/record-finished-run.ts';

/** `keyaudit notify …` and the dashboard's Alert channels: the same code, over the unlocked vault. */
export interface AlertChannelsService {
  list(): Promise<AlertChannelSummary[]>;
  /** `config` holds the kind's fields as entered (strings; empty optional fields null or absent). */
  add(input: { kind: AlertChannelKind; label: string; config: Record<string, string | null | undefined> }): Promise<AlertChannelSummary>;
  remove(id: string): Promise<AlertChannelSummary>;
  /** Sends a test message; resolves with the delivery (ok or not), which is recorded like any other. */
  test(id: string): Promise<AlertDeliverySummary>;
  /** After a watched run is recorded: one message per channel with what is new (deliver-run-alerts.ts). Never throws. */
  deliverRun(summary: RunSummary, run: AuditRun): Promise<RunAlertsResult>;
}

const toDeliverySummary = ({ at, event, ok, attempts, reason }: AlertDeliveryRecord): AlertDeliverySummary => ({ at, event, ok, attempts, reason });

/** The history when it can be used; alerts never depend on it (a channel still works without one). */
function storeOrNull(history: HistoryAccess): HistoryStore | null {
  try {
    return history.status().state === 'available' ? history.store() : null;
  } catch {
    return null;
  }
}

/**
 * Only the kind's own fields, each a string; an empty optional field becomes null. Anything else is refused
 * without quoting what was sent (a URL or token pasted into the wrong place is still a secret).
 */
export function toChannelConfig(kind: AlertChannelKind, fields: Record<string, unknown>): Record<string, unknown> {
  const known = ALERT_CHANNEL_FIELDS[kind];
  const unknown = Object.keys(fields).filter((name) => !known.some((field) => field.field === name));
  // The names are not quoted back: a secret pasted as a name would be.
  if (unknown.length > 0) throw new InvalidAlertChannelError([`${unknown.length} unknown field(s); a ${kind} channel takes ${known.map((field) => field.field).join(', ')}`]);
  const config: Record<string, unknown> = { kind };
  for (const { field, optional } of known) {
    const value = fields[field];
    if (value !== undefined && value !== null && typeof value !== 'string') throw new InvalidAlertChannelError([`${field}: must be text`]);
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '' && !optional) throw new InvalidAlertChannelError([`${field}: is required`]);
    config[field] = text === '' ? null : text;
  }
  return config;
}

export function createAlertChannelsService({ vault, history, actions, transport, now, policy, logger }: {
  /** The unlocked vault; throws VaultLockedError (or DemoModeError) otherwise. */
  vault: () => Vault;
  history: HistoryAccess;
  actions: Pick<ActionLog, 'append'>;
  transport: HttpTransport;
  now: () => number;
  /** policy.json's alerts section: each trigger's threshold. */
  policy: PolicyStore;
  logger: Logger;
}): AlertChannelsService {
  const summarize = (channel: StoredAlertChannel, deliveries: AlertDeliveryRecord[]): AlertChannelSummary => {
    const last = deliveries.find((delivery) => delivery.channelId === channel.id);
    return { id: channel.id, kind: channel.kind, label: channel.label, description: describeAlertChannel(revealAlertChannel(channel)), createdAt: channel.createdAt, lastDelivery: last ? toDeliverySummary(last) : null };
  };
  const deliveries = () => storeOrNull(history)?.lastAlertDeliveries() ?? [];
  const find = async (id: string) => {
    const channel = (await vault().listAlertChannels()).find((candidate) => candidate.id === id);
    if (!channel) throw new AlertChannelNotFoundError(id);
    return channel;
  };
  return {
    async list() {
      const channels = await vault().listAlertChannels();
      const last = deliveries();
      return channels.map((channel) => summarize(channel, last));
    },
    async add({ kind, label, config }) {
      // Checked before anything is logged or saved.
      const settings = parseAlertChannelConfig(toChannelConfig(kind, config));
      const open = vault();
      let added: StoredAlertChannel | null = null;
      // The entry names the channel by kind and label only: its settings never reach the log (docs/security-model.md#log-contents).
      await actions.append(
        { action: 'alert-channel.add', outcome: 'ok', details: { kind, label: label.slice(0, 200) } },
        { beforeWrite: async (head) => void (added = await open.addAlertChannel({ label, config: settings }, { actionLogHead: head })) },
      );
      return summarize(added!, []);
    },
    async remove(id) {
      const channel = await find(id);
      const open = vault();
      await actions.append(
        { action: 'alert-channel.remove', outcome: 'ok', details: { channelId: channel.id, kind: channel.kind, label: channel.label } },
        { beforeWrite: async (head) => void (await open.removeAlertChannel(id, { actionLogHead: head })) },
      );
      return summarize(channel, []);
    },
    async deliverRun(summary, run) {
      try {
        const store = storeOrNull(history);
        const channels = await vault().listAlertChannels();
        if (store === null || channels.length === 0) return { deliveries: [], changesConsidered: 0 };
        const { alerts } = await policy.load();
        return await deliverRunAlerts({ store, channels, summary, run, policy: alerts, transport, now, logger });
      } catch (error) {
        logger.warn(`alerts: not sent (${describeFailure(error)})`);
        return { deliveries: [], changesConsidered: 0 };
      }
    },
    async test(id) {
      const channel = await find(id);
      return toDeliverySummary(await sendTestAlert({ channel, store: storeOrNull(history), transport, now }));
    },
  };
}
