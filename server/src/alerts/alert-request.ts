import { createHmac } from 'node:crypto';
import type { AlertWebhook } from '@contract/alert-webhook.ts';
import type { HttpRequest } from '../exchanges/http-transport.ts';
import type { AlertChannelConfig } from './alert-channel.ts';
import { alertTitle, renderAlertText } from './render-alert-text.ts';

/** The Bot API's host; tests point the transport elsewhere, never this constant. */
const TELEGRAM_API = 'https://api.telegram.org';

/** Limits the services document for one message. */
export const MESSAGE_LIMITS = { discord: 2_000, telegram: 4_096, slack: 3_000, ntfy: 4_000 } as const;

/** Header carrying "sha256=<hex HMAC-SHA256 of the exact body under the channel's signing secret>". */
export const SIGNATURE_HEADER = 'X-Keyaudit-Signature-256';

const json = (url: string, body: unknown, headers: Record<string, string> = {}): HttpRequest => ({
  method: 'POST',
  url,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

const escapeForSlack = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The one HTTP request that delivers `alert` to a channel, in the shape that service documents. */
export function buildAlertRequest(config: AlertChannelConfig, alert: AlertWebhook): HttpRequest {
  switch (config.kind) {
    case 'webhook': {
      const body = JSON.stringify(alert);
      const signature: Record<string, string> = config.signingSecret ? { [SIGNATURE_HEADER]: `sha256=${createHmac('sha256', config.signingSecret).update(body).digest('hex')}` } : {};
      return { method: 'POST', url: config.url, headers: { 'Content-Type': 'application/json', ...signature }, body };
    }
    case 'slack':
      // https://api.slack.com/messaging/webhooks: {"text": …}; mrkdwn off so exchange text stays literal.
      // &, < and > are escaped as Slack asks (https://api.slack.com/reference/surfaces/formatting#escaping), so a
      // key label such as "<!channel>" is shown, not obeyed.
      return json(config.url, { text: escapeForSlack(renderAlertText(alert, MESSAGE_LIMITS.slack)), mrkdwn: false });
    case 'discord':
      // https://discord.com/developers/docs/resources/webhook#execute-webhook: content ≤ 2,000; no mentions parsed.
      return json(config.url, { content: renderAlertText(alert, MESSAGE_LIMITS.discord), allowed_mentions: { parse: [] } });
    case 'telegram':
      // https://core.telegram.org/bots/api#sendmessage: no parse_mode, so nothing in the text is markup.
      return json(`${TELEGRAM_API}/bot${config.botToken}/sendMessage`, { chat_id: config.chatId, text: renderAlertText(alert, MESSAGE_LIMITS.telegram), disable_web_page_preview: true });
    case 'ntfy': {
      // https://docs.ntfy.sh/publish/: POST the message as the body to <server>/<topic>, with Title, Priority
      // (1–5) and Tags headers, and an access token as Bearer auth (https://docs.ntfy.sh/publish/#access-tokens).
      // Header values are ASCII: the title is built from counts only.
      const priority = alert.changes.some((change) => change.severity === 'critical') ? 5 : alert.changes.some((change) => change.severity === 'high') ? 4 : 3;
      const auth: Record<string, string> = config.accessToken ? { Authorization: `Bearer ${config.accessToken}` } : {};
      return {
        method: 'POST',
        url: `${config.serverUrl.replace(/\/*$/, '')}/${config.topic}`,
        headers: { 'Content-Type': 'text/plain; charset=utf-8', Title: alertTitle(alert), Priority: String(priority), Tags: alert.event === 'test' ? 'white_check_mark' : 'key,warning', ...auth },
        body: renderAlertText(alert, MESSAGE_LIMITS.ntfy),
      };
    }
  }
}
