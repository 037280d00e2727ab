import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertWebhookSchema, type AlertWebhook, type UpcomingDeadline } from '@contract/alert-webhook.ts';
import type { Change } from '@contract/history.ts';
import { createFetchTransport, type HttpTransport } from '../exchanges/http-transport.ts';
import { alertChannelConfigSchema, type AlertChannel, type AlertChannelConfig } from './alert-channel.ts';
import { MESSAGE_LIMITS, SIGNATURE_HEADER } from './alert-request.ts';
import { selectAlertContent } from './select-alert-content.ts';
import { sendAlert } from './send-alert.ts';

const BOT_TOKEN = '123456789:AAKA_CANARY_bot_token_0123456789abcdef';
const SLACK_URL = 'https://hooks.slack.com/services/T0001/B0001/KA_CANARY_slack_secret';
const DISCORD_URL = 'https://discord.com/api/webhooks/1234567890/KA_CANARY_discord_token';

type Received = { method: string; path: string; headers: http.IncomingHttpHeaders; body: string };

/** One local receiver standing in for every service: it records requests and answers as the service documents. */
let received: Received[] = [];
let answer: (request: Received) => { status: number; headers?: Record<string, string>; body?: string } = () => ({ status: 200, body: 'ok' });
let server: http.Server;
let origin = '';
beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      received.push(request);
      const reply = answer(request);
      res.writeHead(reply.status, reply.headers ?? {}).end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** Sends to the local receiver whatever host the channel names, keeping the path the service would see. */
const viaReceiver: HttpTransport = (request) => {
  const url = new URL(request.url);
  return createFetchTransport({ timeoutMs: 2_000 })({ ...request, url: `${origin}${url.pathname}${url.search}` });
};
const noSleep = { sleeps: [] as number[] };
const sleep = async (ms: number) => void noSleep.sleeps.push(ms);
const reset = () => {
  received = [];
  noSleep.sleeps = [];
  answer = () => ({ status: 200, body: 'ok' });
};

function change(overrides: Partial<Change> = {}): Change {
  return {
    kind: 'key-added', severity: 'critical', exchange: 'okx', connectionId: 'c1', account: { kind: 'sub', name: 'desk' }, apiKey: 'abcd…wxyz', label: 'payout',
    keyId: 'k1', summary: 'New key "payout" on OKX sub-account desk can withdraw from any IP.', before: null, after: null, capabilitiesGained: ['withdraw'], capabilitiesLost: [], ...overrides,
  };
}
const alert = (changes: Change[] = [change()], upcomingDeadlines: UpcomingDeadline[] = []): AlertWebhook => ({ schemaVersion: 1, event: 'audit-alert', sentAt: '2026-12-04T10:00:00.000Z', run: null, changes, upcomingDeadlines });
const channel = (config: unknown): AlertChannel => ({ id: 'n1', label: 'ops', config: alertChannelConfigSchema.parse(config) });

describe('delivery in each service\'s documented shape', () => {
  it('Slack: JSON {text} to the incoming-webhook path, markup off', async () => {
    reset();
    expect(await sendAlert(channel({ kind: 'slack', url: SLACK_URL }), alert(), { transport: viaReceiver, sleep })).toMatchObject({ ok: true, attempts: 1 });
    expect(received[0]).toMatchObject({ method: 'POST', path: '/services/T0001/B0001/KA_CANARY_slack_secret' });
    expect(received[0]!.headers['content-type']).toBe('application/json');
    const body = JSON.parse(received[0]!.body);
    expect(body.text).toContain('CRITICAL: New key "payout"');
    expect(body.mrkdwn).toBe(false);
  });

  it('Slack: a label that reads like a mention or a link is escaped, not obeyed', async () => {
    reset();
    await sendAlert(channel({ kind: 'slack', url: SLACK_URL }), alert([change({ summary: 'New key "<!channel> <https://evil.example|bank>" & more.' })]), { transport: viaReceiver, sleep });
    const { text } = JSON.parse(received[0]!.body);
    expect(text).toContain('&lt;!channel&gt; &lt;https://evil.example|bank&gt;" &amp; more.');
    expect(text).not.toContain('<!channel>');
  });

  it('Discord: content within 2,000 characters, no mention parsed, 204 accepted', async () => {
    reset();
    answer = () => ({ status: 204 });
    const many = Array.from({ length: 200 }, (_, index) => change({ keyId: `k${index}`, summary: `Key ${index} @everyone gained withdraw on a very long sub-account name that repeats itself a lot.` }));
    expect(await sendAlert(channel({ kind: 'discord', url: DISCORD_URL }), alert(many), { transport: viaReceiver, sleep })).toMatchObject({ ok: true });
    const body = JSON.parse(received[0]!.body);
    expect(received[0]!.path).toBe('/api/webhooks/1234567890/KA_CANARY_discord_token');
    expect(body.content.length).toBeLessThanOrEqual(MESSAGE_LIMITS.discord);
    expect(body.content).toMatch(/…and \d+ more/);
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('Telegram: sendMessage on the bot\'s path with chat_id and plain text', async () => {
    reset();
    answer = () => ({ status: 200, body: JSON.stringify({ ok: true, result: { message_id: 1 } }) });
    expect(await sendAlert(channel({ kind: 'telegram', botToken: BOT_TOKEN, chatId: '-1001234567890' }), alert(), { transport: viaReceiver, sleep })).toMatchObject({ ok: true });
    expect(received[0]!.path).toBe(`/bot${BOT_TOKEN}/sendMessage`);
    const body = JSON.parse(received[0]!.body);
    expect(body).toMatchObject({ chat_id: '-1001234567890', disable_web_page_preview: true });
    expect(body.parse_mode).toBeUndefined();
    expect(body.text.length).toBeLessThanOrEqual(MESSAGE_LIMITS.telegram);
  });

  it('ntfy: the message as the POST body to <server>/<topic>, Title/Priority/Tags headers, priority 5 for a critical change, Bearer token', async () => {
    reset();
    expect(await sendAlert(channel({ kind: 'ntfy', serverUrl: 'https://ntfy.sh/', topic: 'keyaudit-alerts', accessToken: 'tk_KA_CANARY' }), alert(), { transport: viaReceiver, sleep })).toMatchObject({ ok: true });
    expect(received[0]).toMatchObject({ method: 'POST', path: '/keyaudit-alerts' });
    expect(received[0]!.headers.authorization).toBe('Bearer tk_KA_CANARY');
    expect(received[0]!.headers).toMatchObject({ title: 'keyaudit: 1 critical', priority: '5', tags: 'key,warning' });
    expect(received[0]!.body).toContain('CRITICAL: New key "payout"');
    expect(received[0]!.body.length).toBeLessThanOrEqual(MESSAGE_LIMITS.ntfy);
  });

  it('webhook: the versioned JSON, signed with HMAC-SHA256 over the exact body', async () => {
    reset();
    const secret = 'a-user-chosen-signing-secret';
    expect(await sendAlert(channel({ kind: 'webhook', url: `${origin}/hooks/keyaudit`, signingSecret: secret }), alert(), { transport: viaReceiver, sleep })).toMatchObject({ ok: true });
    const { body, headers } = received[0]!;
    expect(alertWebhookSchema.parse(JSON.parse(body)).changes).toHaveLength(1);
    expect(headers[SIGNATURE_HEADER.toLowerCase()]).toBe(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
    expect(headers[SIGNATURE_HEADER.toLowerCase()]).not.toBe(`sha256=${createHmac('sha256', 'another secret').update(body).digest('hex')}`);
  });
});

describe('a failing channel', () => {
  it('is retried with growing waits on 5xx, a bounded number of times, and reports without its secret', async () => {
    reset();
    answer = () => ({ status: 503 });
    const delivery = await sendAlert(channel({ kind: 'telegram', botToken: BOT_TOKEN, chatId: '42' }), alert(), { transport: viaReceiver, sleep, maxAttempts: 3, baseDelayMs: 100 });
    expect(delivery).toMatchObject({ ok: false, attempts: 3 });
    expect(received).toHaveLength(3);
    expect(noSleep.sleeps).toEqual([100, 200]);
    expect(JSON.stringify(delivery)).not.toContain('KA_CANARY');
  });

  it('waits what a 429 asks (Retry-After, or Telegram\'s retry_after), capped', async () => {
    reset();
    let calls = 0;
    answer = () => (++calls === 1 ? { status: 429, headers: { 'Retry-After': '7' } } : calls === 2 ? { status: 429, body: JSON.stringify({ ok: false, parameters: { retry_after: 3 } }) } : { status: 200 });
    const delivery = await sendAlert(channel({ kind: 'slack', url: SLACK_URL }), alert(), { transport: viaReceiver, sleep, maxWaitMs: 5_000 });
    expect(delivery).toMatchObject({ ok: true, attempts: 3 });
    expect(noSleep.sleeps).toEqual([5_000, 3_000]);
  });

  it('is not retried when the service refuses the message (4xx)', async () => {
    reset();
    answer = () => ({ status: 404, body: 'no_service' });
    expect(await sendAlert(channel({ kind: 'slack', url: SLACK_URL }), alert(), { transport: viaReceiver, sleep })).toEqual({ channelId: 'n1', ok: false, attempts: 1, reason: 'the service answered HTTP 404' });
  });

  it('an unreachable service is a failure whose reason quotes no URL', async () => {
    reset();
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const delivery = await sendAlert(channel({ kind: 'webhook', url: `http://127.0.0.1:${port}/KA_CANARY_path`, signingSecret: null }), alert(), { transport: createFetchTransport({ timeoutMs: 1_000 }), sleep, maxAttempts: 2 });
    expect(delivery).toMatchObject({ ok: false, attempts: 2, reason: expect.stringContaining('could not be reached') });
    expect(JSON.stringify(delivery)).not.toContain('KA_CANARY');
  });
});

describe('channel settings', () => {
  it.each<[string, unknown]>([
    ['a Slack URL on another host', { kind: 'slack', url: 'https://hooks.example.com/services/x' }],
    ['a Discord URL over http', { kind: 'discord', url: 'http://discord.com/api/webhooks/1/x' }],
    ['a webhook over http to another machine', { kind: 'webhook', url: 'http://203.0.113.9/hook', signingSecret: null }],
    ['a webhook URL with a password in it', { kind: 'webhook', url: 'https://user:pw@example.com/hook', signingSecret: null }],
    ['a Telegram token without its bot id', { kind: 'telegram', botToken: 'AAKA_CANARY_bot_token_0123456789abcdef', chatId: '42' }],
    ['an ntfy topic with a slash', { kind: 'ntfy', serverUrl: 'https://ntfy.sh', topic: 'a/b', accessToken: null }],
  ])('refuses %s', (_name, config) => {
    expect(alertChannelConfigSchema.safeParse(config).success).toBe(false);
  });

  it('accepts each documented form', () => {
    const configs: AlertChannelConfig[] = [
      { kind: 'slack', url: SLACK_URL },
      { kind: 'discord', url: DISCORD_URL },
      { kind: 'telegram', botToken: BOT_TOKEN, chatId: '@keyaudit_ops' },
      { kind: 'ntfy', serverUrl: 'https://ntfy.example.org/', topic: 'keys', accessToken: null },
      { kind: 'webhook', url: 'https://example.org/hook', signingSecret: null },
    ];
    for (const config of configs) expect(alertChannelConfigSchema.safeParse(config).success).toBe(true);
  });
});

describe('what a run sends: thresholds and no fact twice', () => {
  const deadline = (daysLeft: number, dueAt = '2026-12-11T00:00:00.000Z'): UpcomingDeadline => ({
    exchange: 'kucoin', connectionId: 'c2', account: { kind: 'sub', name: 'bot' }, apiKey: '6705…d3eb', label: 'grid', daysLeft,
    deadline: { ruleId: 'kucoin-unbound-trading-key-inactive-30-days', effect: 'deleted-or-loses-trading', dueAt, basis: 'last-used', rule: 'r', sourceUrl: 'https://www.kucoin.com/support/360015102174', readOn: '2026-12-04' },
  });

  it('over three runs sends each change once, each deadline at 7 days and again at 1 day', () => {
    const sent = new Set<string>();
    const run = (changes: Change[], deadlines: UpcomingDeadline[]) => {
      const content = selectAlertContent({ changes, deadlines, minSeverity: 'high', wasSent: (id) => sent.has(id) });
      content.factIds.forEach((id) => sent.add(id));
      return content;
    };
    const gained = change({ kind: 'permissions-changed', severity: 'high', keyId: 'k2', after: ['withdraw'] });
    const lostInfo = change({ kind: 'permissions-changed', severity: 'info', keyId: 'k3', after: [] });
    const first = run([change(), gained, lostInfo], [deadline(9)]);
    expect(first.changes).toEqual([change(), gained]);
    expect(first.upcomingDeadlines).toEqual([]);
    const second = run([change(), gained], [deadline(6)]);
    expect(second.changes).toEqual([]);
    expect(second.upcomingDeadlines.map((item) => item.daysLeft)).toEqual([6]);
    const third = run([change({ kind: 'key-removed', severity: 'high' })], [deadline(1)]);
    expect(third.changes.map((item) => item.kind)).toEqual(['key-removed']);
    expect(third.upcomingDeadlines.map((item) => item.daysLeft)).toEqual([1]);
    expect(run([], [deadline(0)]).upcomingDeadlines).toEqual([]);
  });

  it('announces a deadline that moved as a new fact', () => {
    const sent = new Set<string>();
    const first = selectAlertContent({ changes: [], deadlines: [deadline(5)], minSeverity: 'critical', wasSent: (id) => sent.has(id) });
    first.factIds.forEach((id) => sent.add(id));
    const moved = selectAlertContent({ changes: [], deadlines: [deadline(5, '2026-12-20T00:00:00.000Z')], minSeverity: 'critical', wasSent: (id) => sent.has(id) });
    expect(moved.upcomingDeadlines).toHaveLength(1);
  });
});
