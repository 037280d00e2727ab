/**
 * The journey of a user with a vault: open the one-time link, unlock, add a connection after
 * testing it, add an alert channel and send it a test, audit, revoke a key, and read the activity log. Runs against a second keyaudit
 * started on a CLI-made vault and pointed at the simulators.
 */
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { alertWebhookSchema } from '../../server/src/contract/alert-webhook.ts';
import { KUCOIN_DEMO_CONNECTION } from '../../server/src/simulator/kucoin/kucoin-demo-seed.ts';
import { E2E_VAULT_PASSPHRASE } from '../global-setup.ts';
import { test, expect } from '../fixtures.ts';

const HOOK_SECRET_PATH = 'KA_CANARY_e2e_hook_path';
const HOOK_SIGNING_SECRET = 'KA_CANARY_e2e_signing_secret';

test.use({ page: async ({ browser }, use) => use(await (await browser.newContext()).newPage()) });

test('unlock, add a tested connection, audit and revoke, all recorded in the verified activity log', async ({ page, browser, simulator }) => {
  const launchUrl = process.env.E2E_LIVE_LAUNCH_URL!;
  await page.goto(launchUrl);
  await expect(page.getByRole('heading', { name: 'Unlock your vault' })).toBeVisible();
  expect(new URL(page.url()).hash).toBe('');

  await page.getByLabel('Vault passphrase').fill('not the passphrase');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong passphrase or damaged vault.');
  await page.getByLabel('Vault passphrase').fill(E2E_VAULT_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('table', { name: 'API keys (1)' })).toBeVisible();

  await page.getByRole('link', { name: 'Connections' }).click();
  const form = page.getByRole('form', { name: 'Add connection' });
  await form.getByLabel('Exchange').selectOption('kucoin');
  await form.getByLabel('Label').fill('KuCoin master');
  await form.getByLabel('API key').fill(KUCOIN_DEMO_CONNECTION.apiKey);
  await form.getByLabel('API secret').fill(KUCOIN_DEMO_CONNECTION.secret);
  await form.getByLabel('API passphrase', { exact: true }).fill(KUCOIN_DEMO_CONNECTION.passphrase);
  await form.getByLabel('Base URL (optional)').fill(`${process.env.E2E_SIMULATOR_URL}/kucoin`);
  await expect(form.getByRole('button', { name: 'Save' })).toBeDisabled();
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(form.getByText('General', { exact: true })).toBeVisible();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('table', { name: 'Stored connections' })).toContainText('KuCoin master');
  await expect(form.getByLabel('API secret')).toHaveValue('');

  // An alert channel: a webhook to a receiver this test runs on loopback, tested, then removed.
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => (received.push({ headers: req.headers, body }), res.writeHead(204).end()));
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/${HOOK_SECRET_PATH}`;
  const channels = page.getByRole('region', { name: 'Alert channels' });
  const channelForm = page.getByRole('form', { name: 'Add alert channel' });
  await channelForm.getByLabel('Kind').selectOption('webhook');
  await channelForm.getByLabel('Label').fill('ops hook');
  await expect(channelForm.getByLabel('Webhook URL')).toHaveAttribute('type', 'password');
  await channelForm.getByLabel('Webhook URL').fill(hookUrl);
  await channelForm.getByLabel('Signing secret (optional)').fill(HOOK_SIGNING_SECRET);
  await channelForm.getByRole('button', { name: 'Add channel' }).click();
  const channelTable = channels.getByRole('table', { name: 'Alert channels' });
  await expect(channelTable).toContainText('ops hook');
  await expect(channelTable).toContainText(/webhook to 127\.0\.0\.1:\d+, signed/);
  await expect(channelForm.getByLabel('Webhook URL')).toHaveValue('');
  await channels.getByRole('button', { name: 'Send a test message to ops hook' }).click();
  await expect(channels.getByText('Test delivered: the service answered HTTP 204.')).toBeVisible();
  expect(received).toHaveLength(1);
  expect(alertWebhookSchema.parse(JSON.parse(received[0]!.body)).event).toBe('test');
  expect(received[0]!.headers['x-keyaudit-signature-256']).toBe(`sha256=${createHmac('sha256', HOOK_SIGNING_SECRET).update(received[0]!.body).digest('hex')}`);
  await expect(channelTable).toContainText('Test delivered');
  const pageWithChannel = await page.content();
  for (const secret of [HOOK_SECRET_PATH, HOOK_SIGNING_SECRET]) expect(pageWithChannel).not.toContain(secret);
  await channels.getByRole('button', { name: 'Remove alert channel ops hook' }).click();
  await channels.getByRole('button', { name: 'Remove channel' }).click();
  await expect(channels.getByText('No alert channels yet.')).toBeVisible();
  receiver.close();

  await page.getByRole('link', { name: 'Keys' }).click();
  const table = page.getByRole('table', { name: /^API keys \((\d+)\)$/ });
  await expect(table).toContainText('blockpit-export');
  await page.getByRole('button', { name: 'Revoke blockpit-export (sub-account portfolio-tracker on KuCoin)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke API key' });
  await dialog.getByLabel('API passphrase of this key').fill('demo-key-pass');
  await dialog.getByRole('button', { name: 'Revoke key' }).click();
  await expect(dialog).toBeHidden();
  expect(await simulator.hasKucoinKey('blockpit-export', 'portfolio-tracker')).toBe(false);

  await page.getByRole('link', { name: 'Activity' }).click();
  const log = page.getByRole('table', { name: 'Activity log' });
  for (const action of ['Unlocked vault', 'Added connection', 'Added alert channel', 'Removed alert channel', 'Revoked key']) await expect(log).toContainText(action);
  await expect(page.getByText('Log verified')).toBeVisible();
  // The head to write down off the machine, with every MAC checked under the open vault (docs/security-model.md#log-macs).
  await expect(page.getByText(/Head: seq \d+, SHA-256 [0-9a-f]{64}\. Every MAC was checked/)).toBeVisible();

  // Nothing secret reached the browser or another process's view (the canary scan, docs/security-model.md#adversarial-tests).
  const browserSide = await page.evaluate(() => JSON.stringify({ session: { ...sessionStorage }, local: { ...localStorage }, html: document.documentElement.outerHTML }));
  const processes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  for (const secret of [KUCOIN_DEMO_CONNECTION.secret, KUCOIN_DEMO_CONNECTION.passphrase, E2E_VAULT_PASSPHRASE, 'demo-key-pass', HOOK_SECRET_PATH, HOOK_SIGNING_SECRET]) {
    expect(browserSide).not.toContain(secret);
    expect(processes).not.toContain(secret);
  }
  expect(browserSide).not.toContain(KUCOIN_DEMO_CONNECTION.apiKey);
  expect(processes).not.toContain(new URL(launchUrl).hash.slice(3));

  // The link works once: opened again, it only offers the way back in.
  const reuse = await (await browser.newContext()).newPage();
  await reuse.goto(launchUrl);
  await expect(reuse.getByRole('heading', { name: 'Open the link printed in your terminal' })).toBeVisible();
});
