/**
 * What `keyaudit watch` sends after each recorded run, against the real SQLite history (in memory) and local
 * HTTP receivers standing in for each service, checking the request shape that service documents.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { alertWebhookSchema } from '@contract/alert-webhook.ts';
import type { AuditRun } from '@contract/audit-run.ts';
import { createFetchTransport, type HttpTransport } from '../exchanges/http-transport.ts';
import { defaultPolicy } from '../findings/policy.ts';
import { grant } from '../findings/make-test-key.ts';
import type { HistoryStore } from '../history/history-store.ts';
import { makeRun, runKey, testHistoryKey } from '../history/history-test-support.ts';
import { openSqliteHistory } from '../history/sqlite-history-store.ts';
import type { Logger } from '../logging/logger.ts';
import { toStoredAlertChannel, type StoredAlertChannel } from '../vault/vault-content.ts';
import { SIGNATURE_HEADER } from './alert-request.ts';
import { deliverRunAlerts, upcomingDeadlinesOf } from './deliver-run-alerts.ts';

const SIGNING_SECRET = 'KA_CANARY_signing_secret_0123';
const SLACK_URL = 'https://hooks.slack.com/services/T0001/B0001/KA_CANARY_slack_path';
const DISCORD_URL = 'https://discord.com/api/webhooks/42/KA_CANARY_discord_path';
const BOT_TOKEN = '123456789:AAKA_CANARY_telegram_token_abcdef';
const NTFY_TOKEN = 'tk_KA_CANARY_ntfy_token';
const SECRETS = [SIGNING_SECRET, 'KA_CANARY_slack_path', 'KA_CANARY_discord_path', 'KA_CANARY_telegram_token', NTFY_TOKEN];

type Received = { method: string; path: string; headers: http.IncomingHttpHeaders; body: string };
let received: Received[] = [];
let failWith: number | null = null;
let server: http.Server;
let origin = '';
beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      res.writeHead(failWith ?? 200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** Every service's host is this loopback receiver; the path (where Slack, Discord and Telegram keep their secrets) is kept. */
const viaReceiver: HttpTransport = (request) => {
  const url = new URL(request.url);
  return createFetchTransport({ timeoutMs: 2_000 })({ ...request, url: `${origin}${url.pathname}${url.search}` });
};

const logLines: string[] = [];
const logger: Logger = Object.fromEntries(['trace', 'debug', 'info', 'warn', 'error'].map((level) => [level, (message: string, fields?: unknown) => void logLines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`)])) as unknown as Logger;

let store: HistoryStore;
beforeEach(() => {
  store = openSqliteHistory({ location: ':memory:', historyKey: testHistoryKey() });
  received = [];
  failWith = null;
  logLines.length = 0;
});
afterEach(() => store.close());

const channel = (id: string, config: Record<string, unknown>): StoredAlertChannel => toStoredAlertChannel({ id, label: `label ${id}`, createdAt: '2026-06-01T00:00:00.000Z', config: config as never });
const webhook = (id = 'ch_00000001') => channel(id, { kind: 'webhook', url: `${origin}/hooks/keyaudit`, signingSecret: SIGNING_SECRET });

const safe = runKey(1, { capabilities: [grant('read', 'General')], ipWhitelist: ['203.0.113.7'] });
const payout = runKey(2, { permissions: ['General', 'Withdrawal'], capabilities: [grant('read', 'General'), grant('withdraw', 'Withdrawal')], ipWhitelist: null });
const boundPayout = runKey(3, { permissions: ['General', 'Withdrawal'], capabilities: [grant('read', 'General'), grant('withdraw', 'Withdrawal')], ipWhitelist: ['203.0.113.9'] });

let clock = Date.parse('2026-06-01T00:00:00.000Z');
async function watchRun(run: AuditRun, channels: StoredAlertChannel[], options: { maxAttempts?: number } = {}) {
  const summary = store.recordRun(run, 'watch', { watchEveryMs: 21_600_000 });
  clock = Date.parse(run.finishedAt);
  const sleeps: number[] = [];
  const result = await deliverRunAlerts({
    store, channels, summary, run, policy: defaultPolicy.alerts, transport: viaReceiver, now: () => clock, logger,
    sendOptions: { sleep: async (ms) => void sleeps.push(ms), ...options },
  });
  return { summary, result, sleeps };
}
const webhookBodies = () => received.filter((request) => request.path === '/hooks/keyaudit').map((request) => alertWebhookSchema.parse(JSON.parse(request.body)));

describe('deduplicated across runs', () => {
  it('run 1: new keys that can withdraw → one message, the harmless key left out; run 2 unchanged → nothing; run 3 a whitelist removed → only that', async () => {
    const hook = webhook();
    const first = await watchRun(makeRun([safe, payout, boundPayout], { at: '2026-06-01T00:00:00.000Z' }), [hook]);
    expect(first.result.deliveries).toMatchObject([{ channelId: hook.id, ok: true, attempts: 1 }]);
    const [one] = webhookBodies();
    expect(one!.event).toBe('audit-alert');
    expect(one!.run?.runId).toBe(first.summary.runId);
    expect(one!.changes.length).toBeGreaterThan(0);
    // key-2 withdraws from any IP (critical), key-3 from one IP (high); key-1 reads only.
    expect(new Set(one!.changes.map((change) => change.keyId))).toEqual(new Set(['key-2', 'key-3']));
    expect(one!.changes.find((change) => change.keyId === 'key-2')!.severity).toBe('critical');
    expect(one!.changes.every((change) => change.severity === 'critical' || change.severity === 'high')).toBe(true);

    received = [];
    const second = await watchRun(makeRun([safe, payout, boundPayout], { at: '2026-06-01T06:00:00.000Z' }), [hook]);
    expect(second.result.deliveries).toEqual([]);
    expect(received).toEqual([]);

    received = [];
    const unbound = { ...boundPayout, ipWhitelist: null };
    await watchRun(makeRun([safe, payout, unbound], { at: '2026-06-01T12:00:00.000Z' }), [hook]);
    const [three] = webhookBodies();
    expect(three!.changes.map((change) => change.kind)).toContain('ip-whitelist-changed');
    expect(new Set(three!.changes.map((change) => change.keyId))).toEqual(new Set(['key-3']));
    // the masked key only
    expect(JSON.stringify(three)).not.toContain(unbound.apiKey);
  });

  it('two processes computing the same run pair send a fact once (the claim is one SQLite transaction)', async () => {
    const hook = webhook();
    const run = makeRun([payout], { at: '2026-06-01T00:00:00.000Z' });
    const summary = store.recordRun(run, 'watch');
    const deliver = () => deliverRunAlerts({ store, channels: [hook], summary, run, policy: defaultPolicy.alerts, transport: viaReceiver, now: () => clock, logger });
    await Promise.all([deliver(), deliver()]);
    expect(webhookBodies()).toHaveLength(1);
  });

  it('announces an exchange deadline at 7 days and again at 1 day, each once', async () => {
    // KuCoin deletes (or strips trading from) an unbound trading key after 30 days unused: last used 05-08 → due 06-07.
    const trading = runKey(4, { permissions: ['General', 'Spot'], capabilities: [grant('read', 'General'), grant('trade-spot', 'Spot')], ipWhitelist: null, lastUsedAt: '2026-05-08T00:00:00.000Z' });
    expect(upcomingDeadlinesOf(makeRun([trading]), Date.parse('2026-06-01T00:00:00.000Z')).map((item) => item.daysLeft)).toEqual([6]);
    const policy = { ...defaultPolicy.alerts, changesMinSeverity: 'critical' as const, connectionsMinSeverity: 'critical' as const };
    const deliverAt = async (at: string) => {
      received = [];
      const run = makeRun([trading], { at });
      const summary = store.recordRun(run, 'watch');
      await deliverRunAlerts({ store, channels: [webhook()], summary, run, policy, transport: viaReceiver, now: () => Date.parse(at), logger });
      return webhookBodies().flatMap((body) => body.upcomingDeadlines.map((item) => item.daysLeft));
    };
    expect(await deliverAt('2026-05-30T00:00:00.000Z')).toEqual([]); // 8 days left: not yet
    expect(await deliverAt('2026-06-01T00:00:00.000Z')).toEqual([6]); // within 7 days
    expect(await deliverAt('2026-06-02T00:00:00.000Z')).toEqual([]);
    expect(await deliverAt('2026-06-05T12:00:00.000Z')).toEqual([]); // 1.5 days: rounds up to 2
    expect(await deliverAt('2026-06-06T00:00:00.000Z')).toEqual([1]); // within 1 day
    expect(await deliverAt('2026-06-06T12:00:00.000Z')).toEqual([]);
  });

  it('a connection that starts failing, then recovers, is announced both times', async () => {
    const hook = webhook();
    await watchRun(makeRun([safe], { at: '2026-06-01T00:00:00.000Z' }), [hook]);
    received = [];
    await watchRun(makeRun([safe], { at: '2026-06-01T06:00:00.000Z', failedConnections: ['c_00000001'] }), [hook]);
    expect(webhookBodies().flatMap((body) => body.changes.map((change) => change.kind))).toEqual(['connection-failing']);
    received = [];
    await watchRun(makeRun([safe], { at: '2026-06-01T12:00:00.000Z' }), [hook]);
    expect(webhookBodies().flatMap((body) => body.changes.map((change) => change.kind))).toEqual(['connection-recovered']);
  });
});

describe('a failing channel', () => {
  it('500: retried with backoff a bounded number of times, the failure recorded without the URL, the run still recorded, its facts sent once the channel is back', async () => {
    const hook = webhook();
    failWith = 500;
    const failed = await watchRun(makeRun([payout], { at: '2026-06-01T00:00:00.000Z' }), [hook], { maxAttempts: 3 });
    expect(received).toHaveLength(3);
    expect(failed.sleeps).toEqual([2_000, 4_000]);
    expect(failed.result.deliveries).toMatchObject([{ ok: false, attempts: 3, reason: 'the service answered HTTP 500 (tried 3 times)' }]);
    expect(store.lastAlertDeliveries()).toMatchObject([{ channelId: hook.id, ok: false, runId: failed.summary.runId }]);
    expect(store.listRuns().map((run) => run.runId)).toEqual([failed.summary.runId]);
    expect(logLines.some((line) => line.includes('not delivered') && line.includes(hook.id))).toBe(true);

    // The channel answers again: the next run reaches every channel, one message each.
    failWith = null;
    received = [];
    const other = webhook('ch_00000002');
    await watchRun(makeRun([payout, boundPayout], { at: '2026-06-01T06:00:00.000Z' }), [hook, other]);
    expect(webhookBodies()).toHaveLength(2); // one message per channel per run
    expect(store.lastAlertDeliveries().map((delivery) => [delivery.channelId, delivery.ok])).toEqual([[hook.id, true], [other.id, true]]);
  });
});

describe('the five channel kinds, each in its service\'s documented shape', () => {
  it('webhook, Slack, Discord, Telegram and ntfy each get one request for the run, with nothing secret or whole in any message or log line', async () => {
    const channels = [
      webhook(),
      channel('ch_0000000a', { kind: 'slack', url: SLACK_URL }),
      channel('ch_0000000b', { kind: 'discord', url: DISCORD_URL }),
      channel('ch_0000000c', { kind: 'telegram', botToken: BOT_TOKEN, chatId: '-1001234567890' }),
      channel('ch_0000000d', { kind: 'ntfy', serverUrl: 'https://ntfy.example.org', topic: 'keyaudit-alerts', accessToken: NTFY_TOKEN }),
    ];
    const many = Array.from({ length: 60 }, (_, index) => runKey(100 + index, { label: `payout bot ${index} with a long label`, permissions: ['General', 'Withdrawal'], capabilities: [grant('withdraw', 'Withdrawal')], ipWhitelist: null }));
    const { result } = await watchRun(makeRun(many, { at: '2026-06-01T00:00:00.000Z' }), channels);
    expect(result.deliveries.map((delivery) => delivery.ok)).toEqual([true, true, true, true, true]);
    expect(received).toHaveLength(5);
    const byPath = (path: string) => received.find((request) => request.path === path)!;

    // The generic webhook: the JSON validated by the contract, signed with HMAC-SHA256 over the raw body.
    const hook = byPath('/hooks/keyaudit');
    expect(hook.headers['content-type']).toBe('application/json');
    expect(alertWebhookSchema.parse(JSON.parse(hook.body)).schemaVersion).toBe(1);
    expect(hook.headers[SIGNATURE_HEADER.toLowerCase()]).toBe(`sha256=${createHmac('sha256', SIGNING_SECRET).update(hook.body).digest('hex')}`);

    // https://api.slack.com/messaging/webhooks: {"text": …}
    const slack = JSON.parse(byPath('/services/T0001/B0001/KA_CANARY_slack_path').body);
    expect(typeof slack.text).toBe('string');
    expect(slack.text).toMatch(/CRITICAL/);

    // https://discord.com/developers/docs/resources/webhook#execute-webhook: {"content": …} of at most 2,000 characters.
    const discord = JSON.parse(byPath('/api/webhooks/42/KA_CANARY_discord_path').body);
    expect(discord.content.length).toBeLessThanOrEqual(2_000);
    expect(discord.content).toMatch(/and \d+ more/);

    // https://core.telegram.org/bots/api#sendmessage: POST /bot<token>/sendMessage with chat_id and text.
    const telegram = byPath(`/bot${BOT_TOKEN}/sendMessage`);
    expect(telegram.method).toBe('POST');
    expect(JSON.parse(telegram.body)).toMatchObject({ chat_id: '-1001234567890', text: expect.stringContaining('keyaudit') });

    // https://docs.ntfy.sh/publish/: the message as the body of POST /<topic>, Title/Priority/Tags headers, Bearer token.
    const ntfy = byPath('/keyaudit-alerts');
    expect(ntfy.method).toBe('POST');
    expect(ntfy.headers).toMatchObject({ title: expect.stringMatching(/^keyaudit: \d+ critical/), priority: '5', tags: 'key,warning', authorization: `Bearer ${NTFY_TOKEN}` });
    expect(ntfy.body).toMatch(/CRITICAL/);

    // No message carries a whole API key; no log line a URL, path or token.
    for (const request of received) for (const key of many) expect(request.body).not.toContain(key.apiKey);
    const log = logLines.join('\n');
    for (const secret of [...SECRETS, origin, 'ntfy.example.org', 'hooks.slack.com']) expect(log).not.toContain(secret);
    expect(log).toMatch(/alerts: sent \d+ new fact\(s\) to ch_0000000a \(slack\)/);
  });
});
