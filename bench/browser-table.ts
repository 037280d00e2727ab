import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { createApp } from '../server/src/app.ts';
import { createLargeKucoinSeed } from '../server/src/simulator/kucoin/kucoin-demo-seed.ts';
import { fetchTransport } from '../server/src/exchanges/http-transport.ts';
import { createAttemptLimiter } from '../server/src/http/attempt-limiter.ts';
import { createSessionAuthority } from '../server/src/http/session-authority.ts';
import { silentLogger } from '../server/src/logging/logger.ts';
import { startSimulator } from '../server/src/simulator/create-simulator.ts';
import { createDemoWorkspace } from '../server/src/workspace/create-demo-workspace.ts';

const STATIC_DIR = fileURLToPath(new URL('../client/dist', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Opens the dashboard on an account with `subAccounts × keysPerSub` keys and times, from navigation:
 * the first key row on screen, the full count shown, and a scroll to the last row.
 * The server's own audit time is reported beside it, so the UI's share can be read off.
 */
export async function measureTableInBrowser({ subAccounts, keysPerSub, latencyMs }: { subAccounts: number; keysPerSub: number; latencyMs: number }) {
  const seed = createLargeKucoinSeed({ subAccounts, keysPerSub, referenceMs: Date.now() });
  const simulator = await startSimulator({ kucoin: { seed, latencyMs, rateLimit: { quota: 1e9, windowMs: 30_000 } } });
  const demo = createDemoWorkspace({ simulator, transport: fetchTransport, now: Date.now });
  const sessions = createSessionAuthority({ now: Date.now });
  let port = 0;
  const app = createApp({ getPort: () => port, workspace: demo.services, sessions, limiter: createAttemptLimiter({ now: Date.now }), logger: silentLogger, staticDir: STATIC_DIR });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  // The server's audit alone, measured the same way the page triggers it.
  const auditStarted = performance.now();
  const expectedKeys = (await demo.services.audits.current().audit()).keys.length;
  const auditMs = performance.now() - auditStarted;

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const started = performance.now();
  await page.goto(`http://127.0.0.1:${port}/#t=${sessions.issueLaunchToken()}`);
  await page.getByRole('row').nth(2).waitFor({ timeout: 120_000 });
  const firstRowMs = performance.now() - started;
  await page.getByText(new RegExp(`${expectedKeys.toLocaleString('en-US')} keys|${expectedKeys} keys`)).first().waitFor({ timeout: 120_000 });
  const countShownMs = performance.now() - started;
  const scrollStarted = performance.now();
  await page.keyboard.press('End');
  await page.evaluate(() => document.querySelectorAll<HTMLElement>('*').forEach((element) => {
    if (element.scrollHeight > element.clientHeight + 10) element.scrollTop = element.scrollHeight;
  }));
  await page.getByRole('row').last().waitFor();
  const scrollMs = performance.now() - scrollStarted;
  const renderedRows = await page.getByRole('row').count();
  await browser.close();
  server.close();
  await simulator.close();
  demo.dispose();
  return { keys: expectedKeys, auditMs, firstRowMs, countShownMs, uiShareMs: countShownMs - auditMs, scrollToEndMs: scrollMs, renderedRows };
}
