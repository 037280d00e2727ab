/** `keyaudit notify …` and the alerts of `keyaudit watch`, spawned as a user or cron runs them, against a loopback receiver. */
import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertWebhookSchema } from '@contract/alert-webhook.ts';
import { alertChannelSummarySchema } from '@contract/alert-channels.ts';
import { KUCOIN_DEMO_CONNECTION } from '../simulator/kucoin/kucoin-demo-seed.ts';
import { startSimulator, type RunningSimulator } from '../simulator/create-simulator.ts';
import { fakeCliContext, runKeyaudit, writePrivateFile, type CliRun } from './cli-test-support.ts';
import { runCli } from './run-cli.ts';

const SIGNING_SECRET = 'KA_CANARY_cli_signing_secret_77';
const SECRET_PATH = 'KA_CANARY_cli_hook_path';
const PROMPTED_PATH = 'KA_CANARY_prompted_path';

let home: string;
let passphraseFile: string;
let simulator: RunningSimulator;
let receiver: http.Server;
let origin = '';
const received: { path: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
const outputs: CliRun[] = [];

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'keyaudit-cli-notify-'));
  passphraseFile = await writePrivateFile(await mkdtemp(join(tmpdir(), 'keyaudit-pass-')), 'pass', 'vault passphrase 1\n');
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      // /gone/… answers as a deleted webhook does: 404, not retried.
      res.writeHead(req.url?.startsWith('/gone/') ? 404 : 200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  simulator = await startSimulator({ rateLimits: 'relaxed' });
  const added = await runKeyaudit(['add', 'kucoin', '--label', 'KuCoin main', '--base-url', simulator.baseUrls.kucoin], { home, passphraseFile, stdin: JSON.stringify(KUCOIN_DEMO_CONNECTION) });
  expect(added.code, added.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await simulator.close();
  await new Promise((resolve) => receiver.close(resolve));
  await rm(home, { recursive: true, force: true });
});

const run = async (args: string[], stdin?: string) => {
  const result = await runKeyaudit(args, { home, passphraseFile, stdin });
  outputs.push(result);
  return result;
};
const list = async () => alertChannelSummarySchema.array().parse(JSON.parse((await run(['notify', 'list', '--format', 'json'])).stdout));

describe('keyaudit notify', { timeout: 120_000 }, () => {
  it('refuses a URL or token given as an argument (exit 2), without repeating it', async () => {
    for (const args of [
      ['notify', 'add', 'webhook', `${origin}/${SECRET_PATH}`, '--label', 'x'],
      ['notify', 'add', 'slack', '--label', `https://hooks.slack.com/services/T/B/${SECRET_PATH}`],
      ['notify', 'add', 'telegram', '--label', 'x', '--token=123456789:AAKA_CANARY_cli_token_abcdef'],
    ]) {
      const result = await run(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/never (taken|accepted) as arguments/);
      expect(result.stderr + result.stdout).not.toMatch(/KA_CANARY/);
    }
    expect(await list()).toEqual([]);
  });

  it('add (stdin JSON), list, test, watch sends one message per channel and never the same fact twice, remove', async () => {
    const good = await run(['notify', 'add', 'webhook', '--label', 'ops hook'], JSON.stringify({ url: `${origin}/hooks/${SECRET_PATH}`, signingSecret: SIGNING_SECRET }));
    expect(good.code, good.stderr).toBe(0);
    const goodId = /Added (ch_[0-9a-f]{8})/.exec(good.stdout)![1]!;
    const gone = await run(['notify', 'add', 'webhook', '--label', 'old hook'], JSON.stringify({ url: `${origin}/gone/${SECRET_PATH}` }));
    expect(gone.code, gone.stderr).toBe(0);
    const goneId = /Added (ch_[0-9a-f]{8})/.exec(gone.stdout)![1]!;
    const bad = await run(['notify', 'add', 'webhook', '--label', 'bad'], JSON.stringify({ url: `http://203.0.113.9/${SECRET_PATH}` }));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/url: must be an https URL/);

    const table = await run(['notify', 'list']);
    expect(table.stdout).toContain(`${goodId}  webhook   ops hook`);
    expect(table.stdout).toMatch(new RegExp(`webhook to 127\\.0\\.0\\.1:\\d+, signed  never sent`));

    const tested = await run(['notify', 'test', goodId]);
    expect(tested.code, tested.stderr).toBe(0);
    expect(tested.stdout).toMatch(/delivered: the service answered HTTP 200 \(1 attempt\)/);
    const testBody = received.at(-1)!;
    expect(alertWebhookSchema.parse(JSON.parse(testBody.body)).event).toBe('test');
    expect(testBody.headers['x-keyaudit-signature-256']).toBe(`sha256=${createHmac('sha256', SIGNING_SECRET).update(testBody.body).digest('hex')}`);
    const failedTest = await run(['notify', 'test', goneId]);
    expect(failedTest.code).toBe(1);
    expect(failedTest.stderr).toMatch(/NOT delivered: the service answered HTTP 404/);

    received.length = 0;
    const watched = await run(['watch', '--once']);
    expect(watched.code, watched.stderr).toBe(0);
    expect(watched.stdout).toMatch(new RegExp(`alerts: 1 sent, 1 failed \\(${goneId}: the service answered HTTP 404\\)`));
    const alerts = received.filter((request) => request.path === `/hooks/${SECRET_PATH}`).map((request) => alertWebhookSchema.parse(JSON.parse(request.body)));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.event).toBe('audit-alert');
    expect(alerts[0]!.changes.length).toBeGreaterThan(0); // the demo seed's keys that can withdraw from any IP, new to watch
    expect(alerts[0]!.changes.every((change) => change.severity === 'critical' || change.severity === 'high')).toBe(true);

    const listed = await list();
    expect(listed.find((channel) => channel.id === goodId)!.lastDelivery).toMatchObject({ ok: true, event: 'audit-alert' });
    expect(listed.find((channel) => channel.id === goneId)!.lastDelivery).toMatchObject({ ok: false, reason: 'the service answered HTTP 404' });
    expect((await run(['notify', 'list'])).stdout).toMatch(/FAILED .*HTTP 404/);

    received.length = 0;
    const again = await run(['watch', '--once']);
    expect(again.code, again.stderr).toBe(0);
    expect(received.filter((request) => request.path === `/hooks/${SECRET_PATH}`)).toEqual([]);

    const removed = await run(['notify', 'remove', goneId]);
    expect(removed.code, removed.stderr).toBe(0);
    expect((await list()).map((channel) => channel.id)).toEqual([goodId]);
    expect((await run(['notify', 'remove', goneId])).code).toBe(1);
  });

  it('asks for each setting on the terminal when stdin is one, the URL without echo', async () => {
    const { ctx, out } = fakeCliContext({ dataDir: home, env: { KEYAUDIT_PASSPHRASE_FILE: passphraseFile }, answers: [`${origin}/hooks/${PROMPTED_PATH}`, ''] });
    // The workspace's vault session reads the KDF policy from process.env: let it open the test vault.
    process.env.KEYAUDIT_TEST_FAST_KDF = '1';
    try {
      expect(await runCli(['notify', 'add', 'webhook', '--label', 'prompted'], ctx), out.stderr).toBe(0);
    } finally {
      delete process.env.KEYAUDIT_TEST_FAST_KDF;
    }
    expect(out.prompts.map((prompt) => prompt.hidden)).toEqual([true, true]);
    expect(out.prompts[0]!.question).toMatch(/Webhook URL \(not shown\)/);
    expect(out.stdout).toMatch(/Added ch_[0-9a-f]{8}: webhook "prompted" \(webhook to 127\.0\.0\.1:\d+\)/);
    outputs.push({ code: 0, signal: null, stdout: out.stdout, stderr: out.stderr });
  });

  it('no output of these flows, and no file but the encrypted vault, holds a URL path or the signing secret', async () => {
    expect(outputs.length).toBeGreaterThan(10);
    for (const output of outputs) {
      for (const secret of [SECRET_PATH, PROMPTED_PATH, SIGNING_SECRET]) expect(output.stdout + output.stderr).not.toContain(secret);
    }
    const log = await readFile(join(home, 'actions.log'), 'utf8');
    expect(log).toContain('alert-channel.add');
    for (const secret of [SECRET_PATH, PROMPTED_PATH, SIGNING_SECRET, origin]) expect(log).not.toContain(secret);
  });
});
