import { z } from 'zod';

/**
 * Alert channels as the dashboard and `keyaudit notify` see them: what may be shown (id, kind, label, where it
 * points in words, the last delivery), never a URL or token. Settings go one way only: in, through the add form.
 */
export const ALERT_CHANNEL_KINDS = ['webhook', 'slack', 'discord', 'telegram', 'ntfy'] as const;
export const alertChannelKindSchema = z.enum(ALERT_CHANNEL_KINDS);
export type AlertChannelKind = z.infer<typeof alertChannelKindSchema>;

/** The settings each kind asks for, in order: the CLI prompts and the dashboard form are built from this. */
export type AlertChannelField = { field: string; label: string; secret: boolean; optional: boolean; hint: string };
export const ALERT_CHANNEL_FIELDS: Record<AlertChannelKind, readonly AlertChannelField[]> = {
  webhook: [
    { field: 'url', label: 'Webhook URL', secret: true, optional: false, hint: 'https://…, or http://127.0.0.1:… for a receiver on this machine' },
    { field: 'signingSecret', label: 'Signing secret', secret: true, optional: true, hint: 'at least 16 characters; signs each body with HMAC-SHA256 (leave empty for none)' },
  ],
  slack: [{ field: 'url', label: 'Slack incoming-webhook URL', secret: true, optional: false, hint: 'https://hooks.slack.com/services/…' }],
  discord: [{ field: 'url', label: 'Discord webhook URL', secret: true, optional: false, hint: 'https://discord.com/api/webhooks/…' }],
  telegram: [
    { field: 'botToken', label: 'Bot token', secret: true, optional: false, hint: 'from @BotFather: 123456789:AA…' },
    { field: 'chatId', label: 'Chat id', secret: false, optional: false, hint: 'a numeric chat id, or @channelname' },
  ],
  ntfy: [
    { field: 'serverUrl', label: 'ntfy server URL', secret: true, optional: false, hint: 'https://ntfy.sh or your own server' },
    { field: 'topic', label: 'Topic', secret: true, optional: false, hint: '1–64 letters, digits, - or _ (anyone who knows a public topic can read it)' },
    { field: 'accessToken', label: 'Access token', secret: true, optional: true, hint: 'tk_… (leave empty for none)' },
  ],
};

export const alertDeliverySummarySchema = z.object({
  at: z.iso.datetime(),
  event: z.enum(['audit-alert', 'test']),
  ok: z.boolean(),
  attempts: z.number().int().nonnegative(),
  /** What the service answered, or why it failed: a status or a kind of failure, never the URL. */
  reason: z.string().nullable(),
});
export type AlertDeliverySummary = z.infer<typeof alertDeliverySummarySchema>;

export const alertChannelSummarySchema = z.object({
  id: z.string(),
  kind: alertChannelKindSchema,
  label: z.string(),
  /** "webhook to hooks.example.org, signed", "Telegram bot": where it points, in words, without the secret parts. */
  description: z.string(),
  createdAt: z.iso.datetime(),
  lastDelivery: alertDeliverySummarySchema.nullable(),
});
export type AlertChannelSummary = z.infer<typeof alertChannelSummarySchema>;

/** POST /api/alert-channels. `config` is checked on the server by the kind's own schema; empty optional fields are null. */
export const addAlertChannelInputSchema = z.strictObject({
  kind: alertChannelKindSchema,
  label: z.string().max(200),
  config: z.record(z.string().max(40), z.string().max(2_000).nullable()),
});
export type AddAlertChannelInput = z.infer<typeof addAlertChannelInputSchema>;

/** When the last watched run finished and the next is due (from the history: whoever ran it). */
export const watchScheduleSchema = z.object({
  lastRun: z.object({ runId: z.number().int(), finishedAt: z.iso.datetime(), startedAt: z.iso.datetime() }).nullable(),
  /** lastRun.startedAt + its interval; null without a watched run. */
  nextDueAt: z.iso.datetime().nullable(),
  everyMs: z.number().int().nullable(),
});
export type WatchSchedule = z.infer<typeof watchScheduleSchema>;
