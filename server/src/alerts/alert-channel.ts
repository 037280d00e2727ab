import { z } from 'zod';
import { InvalidAlertChannelError } from './alert-errors.ts';

/**
 * Where alerts go. Every URL and token here is a secret (a Slack or Discord webhook URL, a Telegram bot token
 * and the URL built from it, an ntfy access token, a webhook signing secret): they live in the vault, are
 * entered through stdin or a no-echo prompt, and never reach a log line, an error message or an API answer.
 */
export { ALERT_CHANNEL_KINDS, type AlertChannelKind } from '@contract/alert-channels.ts';

const isLoopback = (url: URL) => url.hostname === '127.0.0.1' || url.hostname === '[::1]' || url.hostname === 'localhost';

/** https, or http to this machine only (a local receiver or a self-hosted ntfy behind a local proxy). */
const httpsUrl = z.string().max(2_000).refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url))) && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}, 'must be an https URL (http only to this machine), without a user name or password in it');

const onHost = (hosts: readonly string[], pathPrefix: string) =>
  httpsUrl.refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' && hosts.includes(url.hostname) && url.pathname.startsWith(pathPrefix);
  }, `must be an incoming-webhook URL, https://${hosts[0]}${pathPrefix}…`);

export const alertChannelConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('webhook'), url: httpsUrl, signingSecret: z.string().min(16).max(200).nullable().default(null) }),
  // https://api.slack.com/messaging/webhooks
  z.object({ kind: z.literal('slack'), url: onHost(['hooks.slack.com'], '/services/') }),
  // https://discord.com/developers/docs/resources/webhook#execute-webhook
  z.object({ kind: z.literal('discord'), url: onHost(['discord.com', 'discordapp.com', 'canary.discord.com', 'ptb.discord.com'], '/api/webhooks/') }),
  // https://core.telegram.org/bots/api#sendmessage — the token is "<bot id>:<secret>", the chat a numeric id or @channelusername.
  z.object({ kind: z.literal('telegram'), botToken: z.string().regex(/^\d{1,20}:[A-Za-z0-9_-]{20,80}$/, 'must look like 123456789:AA… (from @BotFather)'), chatId: z.string().regex(/^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/, 'must be a numeric chat id or @channelname') }),
  // https://docs.ntfy.sh/publish/ — topics are 1–64 of [-_A-Za-z0-9].
  z.object({ kind: z.literal('ntfy'), serverUrl: httpsUrl, topic: z.string().regex(/^[-_A-Za-z0-9]{1,64}$/, 'must be 1 to 64 letters, digits, - or _'), accessToken: z.string().min(1).max(200).nullable().default(null) }),
]);
export type AlertChannelConfig = z.infer<typeof alertChannelConfigSchema>;

/** A stored channel: its config (secret) plus what may be shown: id, kind, label, and the minimum severity it wants. */
export type AlertChannel = { id: string; label: string; config: AlertChannelConfig };

/** What `notify list` and the dashboard show of a channel: never its URL or token, only where it points in words. */
export function describeAlertChannel(channel: AlertChannel): string {
  const { config } = channel;
  switch (config.kind) {
    case 'webhook':
      return `webhook to ${new URL(config.url).host}${config.signingSecret ? ', signed' : ''}`;
    case 'slack':
      return 'Slack incoming webhook';
    case 'discord':
      return 'Discord webhook';
    case 'telegram':
      return 'Telegram bot';
    case 'ntfy':
      return `ntfy on ${new URL(config.serverUrl).host}`;
  }
}

/** Validates settings entered by the user (CLI stdin or prompts, the dashboard's form); InvalidAlertChannelError quotes no value. */
export function parseAlertChannelConfig(input: unknown): AlertChannelConfig {
  const parsed = alertChannelConfigSchema.safeParse(input);
  if (!parsed.success) throw InvalidAlertChannelError.fromZod(parsed.error);
  return parsed.data;
}
