import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, startLargeDemoDashboard } from './large-demo-dashboard.ts';

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
  const dashboard = await startLargeDemoDashboard({ subAccounts, keysPerSub, latencyMs });
  const audit = dashboard.audits.current();

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
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
  await page.goto(dashboard.launchUrl());
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
  await dashboard.close();

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
