/**
 * The canary scan (docs/security-model.md#adversarial-tests, server side): plant recognisable secrets, drive add, test,
 * audit (the event stream and the JSON run), revoke, failures and the action log through the API with logging at trace level, then
 * search every response (status, headers, body), every log line and every file in the data
 * directory except the encrypted vault for any encoding of them. Modeled on actualbudget/actual's
 * sensitive-logging.test.ts.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AuditRun } from '@contract/audit-run.ts';
import { createKucoinDemoSeed, KUCOIN_DEMO_KEY_PASSPHRASE } from '../src/simulator/kucoin/kucoin-demo-seed.ts';
import { demoMasterConnection, startLiveHarness, type LiveHarness } from './test-support/live-harness.ts';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const canary = {
  apiKey: `KA_CANARY_KEY_${hex(12)}`,
  secret: `KA_CANARY_SECRET_${hex(16)}`,
  passphrase: `KA_CANARY_PASS_${hex(8)}`,
};
const vaultPassphrase = `KA_VAULT_${hex(8)}`;
/** An alert channel's secrets: a webhook URL's path, its signing secret, an ntfy topic and access token. */
const alertCanary = {
  hookPath: `KA_CANARY_HOOK_${hex(10)}`,
  signingSecret: `KA_CANARY_SIGN_${hex(10)}`,
  ntfyTopic: `KA_CANARY_TOPIC_${hex(6)}`,
  ntfyToken: `tk_KA_CANARY_${hex(10)}`,
};

let harness: LiveHarness;
const transcript: string[] = [];

beforeAll(async () => {
  const seed = createKucoinDemoSeed();
  seed.master.keys[0] = { ...seed.master.keys[0], ...canary };
  harness = await startLiveHarness({ seed, vaultPassphrase });
});
afterAll(() => harness.close());

async function call(pathname: string, init: RequestInit & { json?: unknown } = {}) {
  const response = await harness.app.api(pathname, init);
  const body = await response.text();
  transcript.push(`${response.status} ${JSON.stringify([...response.headers])}\n${body}`);
  return { status: response.status, json: () => JSON.parse(body) };
}

function encodings(value: string): string[] {
  const forms = [
    value,
    Buffer.from(value).toString('base64'),
    Buffer.from(value).toString('base64url'),
    Buffer.from(value).toString('hex'),
    encodeURIComponent(value),
    JSON.stringify(value).slice(1, -1),
  ];
  return [...new Set(forms.flatMap((form) => [form, form.slice(4, -4)]))].filter((form) => form.length >= 12);
}

it('never shows a planted secret in a response, a log line or a plain file', async () => {
  const connection = { ...demoMasterConnection(harness.simulator, canary) };
  expect((await call('/api/vault/unlock', { method: 'POST', json: { passphrase: 'wrong passphrase' } })).status).toBe(401);
  expect((await call('/api/vault/unlock', { method: 'POST', json: { passphrase: vaultPassphrase } })).status).toBe(200);
  expect((await call('/api/connections/test', { method: 'POST', json: connection })).json().ok).toBe(true);
  expect((await call('/api/connections/test', { method: 'POST', json: { ...connection, secret: `${canary.secret}x` } })).json().ok).toBe(false);
  expect((await call('/api/connections', { method: 'POST', json: connection })).status).toBe(201);
  // Invalid input that echoes secrets back in a naive error message.
  expect((await call('/api/connections', { method: 'POST', json: { ...connection, exchange: canary.secret } })).status).toBe(400);
  // The stream carries every key and finding as it is read: it is scanned like any other answer.
  expect((await call('/api/audit/events')).status).toBe(200);
  expect(transcript.at(-1)).toContain('"type":"run-finished"');
  const run = (await call('/api/audit')).json() as AuditRun;
  expect(run.keys.length).toBeGreaterThan(20);
  const sub = run.keys.find((key) => key.account.kind === 'sub')!;
  expect((await call(`/api/keys/${sub.id}/revoke`, { method: 'POST', json: { keyPassphrase: canary.passphrase } })).status).toBe(400);
  expect((await call(`/api/keys/${sub.id}/revoke`, { method: 'POST', json: { keyPassphrase: KUCOIN_DEMO_KEY_PASSPHRASE } })).status).toBe(200);
  harness.simulator.kucoin.state.setFaults({ garbage: true });
  await call('/api/audit');
  harness.simulator.kucoin.state.clearFaults();
  await call('/api/connections');

  // Alert channels: settings go in, and only an id, kind, label and a description come back.
  const receiver = http.createServer((req, res) => void req.resume().on('end', () => res.writeHead(200).end()));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/${alertCanary.hookPath}`;
  const hook = await call('/api/alert-channels', { method: 'POST', json: { kind: 'webhook', label: 'ops', config: { url: hookUrl, signingSecret: alertCanary.signingSecret } } });
  expect(hook.status).toBe(201);
  const ntfy = await call('/api/alert-channels', { method: 'POST', json: { kind: 'ntfy', label: 'pager', config: { serverUrl: 'https://ntfy.sh', topic: alertCanary.ntfyTopic, accessToken: alertCanary.ntfyToken } } });
  expect(ntfy.status).toBe(201);
  // Settings that do not validate, with the secret in the wrong place: refused without quoting it.
  expect((await call('/api/alert-channels', { method: 'POST', json: { kind: 'slack', label: 'x', config: { url: `https://example.org/${alertCanary.hookPath}` } } })).status).toBe(400);
  expect((await call('/api/alert-channels', { method: 'POST', json: { kind: 'webhook', label: 'x', config: { url: hookUrl, [alertCanary.signingSecret]: 'x' } } })).status).toBe(400);
  expect((await call('/api/alert-channels')).json().channels).toHaveLength(2);
  expect((await call(`/api/alert-channels/${hook.json().id}/test`, { method: 'POST', json: {} })).json()).toMatchObject({ ok: true });
  expect((await call(`/api/alert-channels/${hook.json().id}`, { method: 'DELETE' })).status).toBe(200);
  expect((await call(`/api/alert-channels/${ntfy.json().id}`, { method: 'DELETE' })).status).toBe(200);
  receiver.close();
  await call('/api/action-log');

  const plainFiles = readdirSync(harness.dataDir)
    .filter((name) => !name.startsWith('vault.kav'))
    .map((name) => `${name}:\n${readFileSync(path.join(harness.dataDir, name), 'utf8')}`);
  const haystacks = { responses: transcript.join('\n'), logs: harness.logLines.join('\n'), files: plainFiles.join('\n') };
  expect(harness.logLines.length).toBeGreaterThan(10);
  expect(plainFiles.some((file) => file.startsWith('actions.log'))).toBe(true);

  for (const [where, text] of Object.entries(haystacks)) {
    for (const [name, value] of Object.entries({ ...canary, ...alertCanary, vaultPassphrase, sessionToken: harness.app.sessionToken })) {
      for (const form of encodings(value)) expect(text.includes(form), `${name} found in ${where} as ${form}`).toBe(false);
    }
  }
  // The API key may appear masked (first and last four characters), never whole.
  expect(haystacks.responses).toContain(`${canary.apiKey.slice(0, 4)}…${canary.apiKey.slice(-4)}`);
});
