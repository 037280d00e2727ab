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

declare global {
  interface Window {
    /** Date.now() when the first key row entered the page; set by the bench's init script. */
    __firstKeyRowAt?: number;
  }
}

/**
 * Opens the dashboard on a KuCoin master with `subAccounts × keysPerSub` keys (beside the other demo
 * exchanges) and lets the audit stream into it. Times, on one clock (Date.now, server and page share
 * the machine): the first account read on the server, the first key row in the page, the complete
 * table, and a scroll to the last row. Counts the bytes the browser received from the API for the
 * whole run (Chromium's own network accounting, headers included) against the size of the final run's
 * JSON, which is what one complete answer would have cost.
 */
export async function measureTableInBrowser({ subAccounts, keysPerSub, latencyMs }: { subAccounts: number; keysPerSub: number; latencyMs: number }) {
  const seed = createLargeKucoinSeed({ subAccounts, keysPerSub, referenceMs: Date.now() });
  const simulator = await startSimulator({ kucoin: { seed, latencyMs, rateLimit: { quota: 1e9, windowMs: 30_000 } }, latencyMs, rateLimits: 'relaxed' });
  const demo = createDemoWorkspace({ simulator, transport: fetchTransport, now: Date.now });
  const audit = demo.services.audits.current();
  const sessions = createSessionAuthority({ now: Date.now });
  let port = 0;
  const app = createApp({ getPort: () => port, workspace: demo.services, sessions, limiter: createAttemptLimiter({ now: Date.now }), logger: silentLogger, staticDir: STATIC_DIR });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(() => {
    new MutationObserver((_changes, observer) => {
      if (!document.querySelector('tr[data-key-id]')) return;
      window.__firstKeyRowAt = Date.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  // Per API request: headers, then body chunks as they arrive; loadingFinished gives the total when the
  // stream has ended by the time it is read (it may not have, for the audit stream).
  const apiRequests = new Map<string, { headers: number; data: number; total: number | null }>();
  cdp.on('Network.requestWillBeSent', (event) => {
    if (new URL(event.request.url).pathname.startsWith('/api/')) apiRequests.set(event.requestId, { headers: 0, data: 0, total: null });
  });
  cdp.on('Network.responseReceived', (event) => void (apiRequests.get(event.requestId) && (apiRequests.get(event.requestId)!.headers = event.response.encodedDataLength)));
  cdp.on('Network.dataReceived', (event) => void (apiRequests.get(event.requestId) && (apiRequests.get(event.requestId)!.data += event.encodedDataLength)));
  cdp.on('Network.loadingFinished', (event) => void (apiRequests.get(event.requestId) && (apiRequests.get(event.requestId)!.total = event.encodedDataLength)));
  const apiBytes = () => [...apiRequests.values()].reduce((sum, request) => sum + (request.total ?? request.headers + request.data), 0);

  // The page starts the run; the bench watches the same run from the server side.
  const started = Date.now();
  await page.goto(`http://127.0.0.1:${port}/#t=${sessions.issueLaunchToken()}`);
  while (audit.listenerCount === 0) await new Promise((resolve) => setTimeout(resolve, 2));
  const log = audit.join();
  const firstAccountReadAt = new Promise<number>((resolve) => {
    const seen = () => log.eventsAfter(0).some((logged) => logged.event.type === 'account-read');
    if (seen()) return resolve(Date.now()); // read before the bench could listen: counts as now (pessimistic)
    const stop = log.subscribe(() => seen() && (stop(), resolve(Date.now())));
  });
  const run = await audit.audit();
  const readAt = await firstAccountReadAt;
  const stamps = log.eventsAfter(0).map((logged) => logged.event);
  const runStarted = stamps.find((event) => event.type === 'run-started')!;
  const runFinished = stamps.find((event) => event.type === 'run-finished')!;
  const auditMs = Date.parse(runFinished.type === 'run-finished' ? runFinished.finishedAt : '') - Date.parse(runStarted.type === 'run-started' ? runStarted.startedAt : '');

  const countText = new RegExp(`${run.keys.length.toLocaleString('en-US')} keys in`);
  await page.getByText(countText).first().waitFor({ timeout: 300_000 });
  await page.getByRole('status').filter({ hasText: /Auditing|Still auditing/ }).waitFor({ state: 'detached', timeout: 300_000 }).catch(() => undefined);
  const completeShownMs = Date.now() - started;
  const firstRowAt = await page.evaluate(() => window.__firstKeyRowAt ?? null);

  const scrollStarted = performance.now();
  await page.keyboard.press('End');
  await page.evaluate(() => document.querySelectorAll<HTMLElement>('*').forEach((element) => {
    if (element.scrollHeight > element.clientHeight + 10) element.scrollTop = element.scrollHeight;
  }));
  await page.getByRole('row').last().waitFor();
  const scrollToEndMs = performance.now() - scrollStarted;
  const renderedRows = await page.getByRole('row').count();
  const bytesReceived = apiBytes();
  await browser.close();
  server.close();
  await simulator.close();
  demo.dispose();

  const runJsonBytes = Buffer.byteLength(JSON.stringify(run));
  const keysJsonBytes = Buffer.byteLength(JSON.stringify(run.keys));
  return {
    keys: run.keys.length,
    auditMs,
    firstAccountReadMs: readAt - started,
    firstRowMs: firstRowAt === null ? Number.NaN : firstRowAt - started,
    firstRowAfterFirstReadMs: firstRowAt === null ? Number.NaN : firstRowAt - readAt,
    completeShownMs,
    scrollToEndMs,
    renderedRows,
    apiBytes: bytesReceived,
    runJsonBytes,
    keysJsonBytes,
    bytesToRunJson: bytesReceived / runJsonBytes,
    bytesToKeysJson: bytesReceived / keysJsonBytes,
  };
}
