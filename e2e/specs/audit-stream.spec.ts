import { test, expect } from '../fixtures.ts';

const DEMO_KEY_PASSPHRASE = 'demo-key-pass';

/**
 * Against the slow demo (every exchange answer delayed two seconds), whose audit lasts about twenty
 * seconds: the table fills while the audit runs, a page loaded mid-audit joins it, and a revoke
 * changes one row without auditing again.
 */
test.describe('The audit as it streams in', () => {
  test.describe.configure({ timeout: 90_000 });

  test('shows rows while the audit still runs, and offers Revoke on a finished connection before the others are read', async ({ slowDashboard, slowSimulator, page }) => {
    const { stillAuditing } = slowDashboard;
    await page.goto(`${slowDashboard.baseUrl}/?exchange=kucoin&q=delta-app`);
    await expect(stillAuditing).toBeVisible({ timeout: 20_000 });
    await expect(slowDashboard.keyTable).toBeVisible();

    // KuCoin is read well before Binance: its keys can be acted on while Binance is still being read.
    const revoke = page.getByRole('button', { name: 'Revoke delta-app (sub-account portfolio-tracker on KuCoin)' });
    await expect
      .poll(async () => [await revoke.isEnabled().catch(() => false), (await stillAuditing.textContent().catch(() => '')) ?? ''], { intervals: [100] })
      .toEqual([true, expect.stringMatching(/reading .*Binance/)]);

    await expect(stillAuditing).toHaveCount(0, { timeout: 40_000 });
    await slowDashboard.search('');
    await expect.poll(() => slowDashboard.keyCount()).toBe((await slowSimulator.kucoinKeys()).length);
  });

  test('a page loaded mid-audit shows the rows read so far while the audit runs, and joins it instead of starting another', async ({ slowDashboard, slowSimulator, page }) => {
    const { stillAuditing } = slowDashboard;
    const since = await slowSimulator.nextRequestSeq();
    await page.goto(`${slowDashboard.baseUrl}/?exchange=kucoin`);
    await expect(stillAuditing).toBeVisible({ timeout: 20_000 });
    const shownBefore = await slowDashboard.keyCount();
    expect(shownBefore).toBeGreaterThan(0);

    await page.reload();
    // What was read before the reload is back while the audit is still running.
    await expect(slowDashboard.keyTable).toBeVisible();
    await expect(stillAuditing).toBeVisible();
    expect(await slowDashboard.keyCount()).toBeGreaterThanOrEqual(shownBefore);
    await expect(stillAuditing).toHaveCount(0, { timeout: 40_000 });

    // One audit: each connection's own key was read once since the first load.
    const requests = await slowSimulator.requestsSince(since);
    expect(requests.filter((request) => request.exchange === 'kucoin' && request.path === '/api/v1/user/api-key')).toHaveLength(1);
    await expect.poll(() => slowDashboard.keyCount()).toBe((await slowSimulator.kucoinKeys()).length);
  });

  test('a revoke removes the row without a new audit: the exchanges see no listing of any other account', async ({ slowDashboard, slowSimulator, page }) => {
    await slowDashboard.open('?exchange=kucoin', { auditTimeoutMs: 40_000 });
    const before = await slowDashboard.keyCount();
    await slowDashboard.search('delta-app');
    const since = await slowSimulator.nextRequestSeq();
    await slowDashboard.startRevoke('delta-app', 'portfolio-tracker');
    await slowDashboard.confirmRevoke(DEMO_KEY_PASSPHRASE);

    await expect(slowDashboard.revokeDialog).toBeHidden({ timeout: 20_000 });
    await expect(page.getByRole('status').filter({ hasText: 'Revoked delta-app' })).toBeVisible();
    await expect(slowDashboard.rowOf('delta-app')).toHaveCount(0);
    await slowDashboard.search('');
    await expect.poll(() => slowDashboard.keyCount()).toBe(before - 1);
    expect(await slowSimulator.hasKucoinKey('delta-app', 'portfolio-tracker')).toBe(false);

    const requests = await slowSimulator.requestsSince(since);
    expect(new Set(requests.map((request) => request.exchange))).toEqual(new Set(['kucoin']));
    const listings = requests.filter((request) => request.method === 'GET' && request.path === '/api/v1/sub/api-key');
    expect(new Set(listings.map((request) => request.query.subName))).toEqual(new Set(['portfolio-tracker']));
    expect(requests.filter((request) => request.path === '/api/v2/sub/user' || request.path === '/api/v1/user/api-key')).toEqual([]);
    expect(requests.filter((request) => request.method === 'DELETE')).toHaveLength(1);
    expect(requests.length).toBeLessThanOrEqual(4);
  });
});
