import type { AlertWebhook } from '@contract/alert-webhook.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { SEVERITIES } from '@contract/finding.ts';
import { toPrintableText } from '@contract/printable-text.ts';

const text = (value: string) => toPrintableText(value, 300);

const EFFECT_WORDS = {
  deleted: 'deleted by the exchange',
  'deleted-or-loses-trading': 'deleted or loses trading',
  'loses-trading': 'loses trading',
  expires: 'expires',
} as const;

/** "2 critical, 1 high" for the changes in a message; "nothing new" when empty. */
export function countLine(alert: AlertWebhook): string {
  const counts = SEVERITIES.map((severity) => [severity, alert.changes.filter((change) => change.severity === severity).length] as const).filter(([, count]) => count > 0);
  return counts.length === 0 ? 'no new changes' : counts.map(([severity, count]) => `${count} ${severity}`).join(', ');
}

export function alertTitle(alert: AlertWebhook): string {
  if (alert.event === 'test') return 'keyaudit: test message';
  const deadlines = alert.upcomingDeadlines.length;
  return `keyaudit: ${countLine(alert)}${deadlines ? `, ${deadlines} key${deadlines === 1 ? '' : 's'} expiring` : ''}`;
}

/**
 * The message as plain text for chat services, within `maxChars` (Discord 2,000, Telegram 4,096): every change
 * as one line, most severe first; what does not fit is counted in a last line, never cut mid-sentence. Exchange
 * text is printable-only, and no service markup is used, so a label cannot ping @everyone or inject a link.
 */
export function renderAlertText(alert: AlertWebhook, maxChars: number): string {
  const head = [alertTitle(alert)];
  if (alert.event === 'test') head.push('This channel is set up: keyaudit will post here when an audit finds something new.');
  else if (alert.run) head.push(`Audit run ${alert.run.runId}, finished ${alert.run.finishedAt.slice(0, 16).replace('T', ' ')} UTC: ${alert.run.keys} keys, ${alert.run.connections.failed} connection(s) failed.`);
  const lines = [
    ...alert.changes.map((change) => `• ${change.severity.toUpperCase()}: ${text(change.summary)}`),
    ...alert.upcomingDeadlines.map((item) => {
      const where = `${exchangeInfo(item.exchange).name} ${item.account.kind === 'master' ? 'master' : text(item.account.name)}`;
      return `• ${text(item.label)} (${item.apiKey}) on ${where} ${EFFECT_WORDS[item.deadline.effect]} in ${item.daysLeft} day${item.daysLeft === 1 ? '' : 's'}`;
    }),
  ];
  const out = [...head, ''];
  let used = out.join('\n').length;
  for (let index = 0; index < lines.length; index++) {
    const rest = lines.length - index;
    const more = `…and ${rest} more: run \`keyaudit changes\` or open the dashboard.`;
    const line = lines[index]!;
    const reserve = index === lines.length - 1 ? 0 : more.length + 1;
    if (used + line.length + 1 + reserve > maxChars) {
      out.push(more);
      return out.join('\n');
    }
    out.push(line);
    used += line.length + 1;
  }
  return out.join('\n').trimEnd().slice(0, maxChars);
}
