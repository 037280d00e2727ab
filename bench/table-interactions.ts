import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, startLargeDemoDashboard } from './large-demo-dashboard.ts';

export type InteractionOptions = { subAccounts: number; keysPerSub: number; samples: number; screenshotPath?: string };

/**
 * Opens the dashboard on `subAccounts × keysPerSub` keys and times, inside the page, sort and filter
 * interactions: from the input event's timestamp to the first paint after the table shows the
 * result. Each action is a real input from Playwright (a click or a keystroke), one at a time.
 * Beside each latency, the CPU time the page's main thread spent on it: unlike the latency, that
 * figure holds on a machine busy with other work.
 */
export async function measureTableInteractions({ subAccounts, keysPerSub, samples, screenshotPath }: InteractionOptions) {
  const dashboard = await startInteractionDashboard({ subAccounts, keysPerSub });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    // 1920 wide: at 1280 the table scrolls sideways and its sticky Revoke column covers the Created header, which a
    // real click cannot reach without scrolling the table first. The height (800) sets the rows in the DOM, as before.
    const page = await browser.newPage({ viewport: { width: 1920, height: 800 } });
    await page.goto(dashboard.launchUrl());
    await waitForCompleteTable(page, dashboard.expectedKeys);
    if (screenshotPath) await page.screenshot({ path: screenshotPath });
    // tsx compiles with esbuild's keepNames, which wraps named functions in a `__name` helper the page lacks.
    await page.evaluate('globalThis.__name = (fn) => fn');
    await page.evaluate(installInteractionProbe);
    const cpuClock = await mainThreadCpuClock(browser);

    // Sort: each click reverses the column or moves to the next one, so every sample re-sorts all keys.
    const sortColumns = ['Label', 'Label', 'Account', 'Account', 'Created', 'Created', 'API key', 'API key', 'Permissions', 'Severity'];
    const sort = await measureEach(page, cpuClock, samples, (index) => page.locator('thead th button', { hasText: sortColumns[index % sortColumns.length]! }));
    // A checkbox filter, on and off.
    const checkbox = await measureEach(page, cpuClock, samples, () => page.getByRole('checkbox', { name: 'No IP whitelist' }));
    // The search, one keystroke at a time: sub-0 → sub-01 → sub-012 → sub-01 → sub-0 → …
    const search = page.getByRole('searchbox', { name: 'Search keys' });
    await search.fill('sub-0');
    await settle(page);
    const keystrokes = ['1', '2', 'Backspace', 'Backspace'];
    const typing = await measureEach(page, cpuClock, samples, (index) => keystrokes[index % keystrokes.length]!);
    const rowsInDom = Math.max(sort.rowsInDom, checkbox.rowsInDom, typing.rowsInDom);
    return { keys: dashboard.expectedKeys, sort: sort.figures, checkboxFilter: checkbox.figures, searchKeystroke: typing.figures, rowsInDom };
  } finally {
    await browser.close();
    await dashboard.close();
  }
}

/** The large demo, with no simulator latency: the interactions, not the audit, are what is timed. */
async function startInteractionDashboard({ subAccounts, keysPerSub }: { subAccounts: number; keysPerSub: number }) {
  const dashboard = await startLargeDemoDashboard({ subAccounts, keysPerSub, latencyMs: 0 });
  const expectedKeys = (await dashboard.audits.current().audit()).keys.length;
  return { ...dashboard, expectedKeys };
}

/** Every key counted, and the run complete: while it is in flight the rows' Revoke buttons are disabled. */
async function waitForCompleteTable(page: Page, expectedKeys: number) {
  await page.locator('.shown-count', { hasText: `${expectedKeys.toLocaleString('en-US')} keys` }).waitFor({ timeout: 300_000 });
  await page.waitForFunction(() => document.querySelector('.key-table tbody button[disabled]') === null, undefined, { timeout: 300_000 });
  await settle(page, 1000);
}

async function settle(page: Page, quietMs = 150) {
  await page.evaluate((ms) => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, ms))), quietMs);
}

/**
 * `input` names the element to click or the key to press (into the focused search box). Clicks go to
 * the element's position as raw mouse input, so Playwright's own checks in the page stay out of the
 * measured CPU time.
 */
async function measureEach(page: Page, cpuClock: (() => number) | null, samples: number, input: (index: number) => Locator | string) {
  const durations: number[] = [];
  const cpuDurations: number[] = [];
  let rowsInDom = 0;
  for (let index = 0; index < samples; index++) {
    const target = input(index);
    const box = typeof target === 'string' ? null : await target.boundingBox();
    if (typeof target !== 'string' && !box) throw new Error(`nothing to click: ${target}`);
    await page.evaluate(() => window.__tableProbe!.arm());
    const cpuBefore = cpuClock?.();
    if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    else await page.keyboard.press(target as string);
    const sample = await page.evaluate(() => window.__tableProbe!.result());
    if (cpuClock && cpuBefore !== undefined) cpuDurations.push(cpuClock() - cpuBefore);
    durations.push(sample.ms);
    rowsInDom = Math.max(rowsInDom, sample.rowsInDom);
    await settle(page);
  }
  const figures = summarize(durations);
  return { figures: { ...figures, medianCpuMs: cpuDurations.length ? median(cpuDurations) : null }, rowsInDom };
}

export type LatencyFigures = ReturnType<typeof summarize> & { medianCpuMs: number | null };

function summarize(durations: number[]) {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
  return { medianMs: median(sorted), p95Ms: at(0.95), maxMs: sorted[sorted.length - 1]!, samples: sorted.length };
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Reads the CPU time of the page's main thread in ms: on Linux, the renderer process's first thread,
 * from /proc/<pid>/schedstat (nanoseconds). Null where that file does not exist.
 */
async function mainThreadCpuClock(browser: Browser): Promise<(() => number) | null> {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  await cdp.detach();
  // The page's renderer is the busiest one: it has just rendered 50,000 keys.
  const renderer = processInfo.filter((process) => process.type === 'renderer').sort((a, b) => b.cpuTime - a.cpuTime)[0];
  const path = renderer ? `/proc/${renderer.id}/schedstat` : '';
  if (!renderer || !existsSync(path)) return null;
  return () => Number(readFileSync(path, 'utf8').split(' ')[0]) / 1e6;
}

type ProbeSample = { ms: number; rowsInDom: number };
declare global {
  interface Window {
    __tableProbe?: { arm: () => void; result: () => Promise<ProbeSample> };
  }
}

/**
 * Runs in the page. `arm()` notes what the table shows (count, sort, the rendered rows' keys) and
 * waits for the next click or input; `result()` resolves once the table shows something else, one
 * frame later: after a requestAnimationFrame callback, a task runs only once that frame is painted.
 * The clock starts at the input event's own timestamp, so time spent queued before it ran counts too.
 */
function installInteractionProbe() {
  const fingerprint = () =>
    [
      document.querySelector('.shown-count')?.textContent ?? '',
      [...document.querySelectorAll('.key-table th[aria-sort]')].map((th) => `${th.textContent}:${th.getAttribute('aria-sort')}`).join(),
      [...document.querySelectorAll('.key-table tbody tr[data-key-id]')].map((tr) => tr.getAttribute('data-key-id')).join(),
    ].join('|');
  const nextPaint = () => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
  let pending: Promise<ProbeSample> | null = null;
  window.__tableProbe = {
    arm() {
      const before = fingerprint();
      pending = new Promise<ProbeSample>((resolve, reject) => {
        let inputAt: number | null = null;
        const onInput = (event: Event) => (inputAt ??= event.timeStamp);
        const stop = () => {
          observer.disconnect();
          clearTimeout(timeout);
          window.removeEventListener('click', onInput, true);
          window.removeEventListener('input', onInput, true);
        };
        const observer = new MutationObserver(() => {
          if (inputAt === null || fingerprint() === before) return;
          const startedAt = inputAt;
          stop();
          void nextPaint().then((paintedAt) =>
            resolve({ ms: paintedAt - startedAt, rowsInDom: document.querySelectorAll('.key-table tbody tr[data-key-id]').length }),
          );
        });
        const timeout = setTimeout(() => {
          stop();
          reject(new Error('the table did not change within 30 s of the input'));
        }, 30_000);
        window.addEventListener('click', onInput, true);
        window.addEventListener('input', onInput, true);
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      });
    },
    result: () => pending ?? Promise.reject(new Error('arm() first')),
  };
}
