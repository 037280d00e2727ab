/**
 * Other web pages must not drive keyaudit (docs/security-model.md#adversarial-tests): a page on another loopback port,
 * and a DNS-rebinding page whose name resolves to 127.0.0.1. Pass means the simulator's keys are
 * unchanged and nothing the pages tried could read the API.
 */
import { chromium } from '@playwright/test';
import { test, expect } from '../fixtures.ts';
import { attackPage, startAttackerServer } from '../support/attacker-server.ts';

const target = () => process.env.E2E_BASE_URL!;

async function revocableKeyId(): Promise<{ id: string; label: string; account: string }> {
  const response = await fetch(`${target()}/api/audit`, { headers: { authorization: `Bearer ${process.env.E2E_SESSION_TOKEN}` } });
  const run = await response.json();
  const key = run.keys.find((candidate: { label: string }) => candidate.label === 'accointing-old');
  return { id: key.id, label: key.label, account: key.account.name };
}

test('a page on another local port can neither read the API nor revoke a key', async ({ page, simulator }) => {
  const key = await revocableKeyId();
  const before = await simulator.kucoinKeys();
  const attacker = await startAttackerServer(attackPage(target(), key.id));
  try {
    await page.goto(`${attacker.url}/attack.html`);
    await expect.poll(() => attacker.reports.some((entry) => entry.attack === 'done'), { timeout: 10_000 }).toBe(true);
    const outcomes = Object.fromEntries(attacker.reports.map((entry) => [entry.attack, entry.outcome]));
    expect(outcomes['cors-read-audit']).toBe('blocked');
    expect(outcomes['cors-read-with-credentials']).toBe('blocked');
    expect(outcomes['guess-bearer-token']).toBe('blocked');
    expect(await simulator.kucoinKeys()).toEqual(before);
    expect(await simulator.hasKucoinKey(key.label, key.account)).toBe(true);
    expect(attacker.cookiesSeen).toEqual([]);
  } finally {
    await attacker.close();
  }
});

test('a DNS-rebinding page gets 403 even for same-origin requests, and the real origin still works', async ({ simulator }) => {
  const port = new URL(target()).port;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // Chromium's own Local Network Access checks are turned off: the server must hold even in a
    // browser that has none (other browsers, older versions), so that is the case tested.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-quic',
      '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights',
      '--host-resolver-rules=MAP rebind.test 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
  });
  try {
    const page = await browser.newPage();
    // Only the document is the attacker's; every other request reaches the real server with Host: rebind.test.
    await page.route(`http://rebind.test:${port}/`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>rebound</title>' }));
    await page.goto(`http://rebind.test:${port}/`);
    const statuses = await page.evaluate(async () => {
      const get = async (path: string) => (await fetch(path)).status;
      return { audit: await get('/api/audit'), status: await get('/api/status'), root: await get('/?not-the-routed-document') };
    });
    expect(statuses).toEqual({ audit: 403, status: 403, root: 403 });

    const twin = await browser.newPage();
    await twin.goto(`${target()}/`);
    const realOrigin = await twin.evaluate(async (token) => (await fetch('/api/status', { headers: { authorization: `Bearer ${token}` } })).status, process.env.E2E_SESSION_TOKEN);
    expect(realOrigin).toBe(200);
    expect((await simulator.kucoinKeys()).length).toBeGreaterThan(0);
  } finally {
    await browser.close();
  }
});
