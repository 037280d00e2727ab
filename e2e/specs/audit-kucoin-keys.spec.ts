import { test, expect } from '../fixtures.ts';

test.describe('Auditing the KuCoin demo account', () => {
  test('lists every key of the master account and all sub-accounts, as the simulator holds them', async ({ dashboard, simulator, page }, testInfo) => {
    await dashboard.open('?exchange=kucoin');
    await expect(dashboard.demoBanner).toBeVisible();

    const simulated = await simulator.kucoinKeys();
    expect(simulated.length).toBeGreaterThanOrEqual(20);
    await expect.poll(() => dashboard.keyCount()).toBe(simulated.length);
    const screenshotBeforeSearch = await page.screenshot({ fullPage: false });
    for (const { label, account } of simulated.filter((key) => key.account !== 'master')) {
      await dashboard.search(label);
      await expect(dashboard.rowOf(label).filter({ hasText: account })).toHaveCount(1);
    }
    await testInfo.attach('dashboard-kucoin', { body: screenshotBeforeSearch, contentType: 'image/png' });
    await dashboard.open();

    const screenshot = await page.screenshot({ fullPage: false });
    await testInfo.attach('dashboard', { body: screenshot, contentType: 'image/png' });
    await page.screenshot({ path: testInfo.outputPath('dashboard.png') });
  });

  test('shows permissions as reported, a clear warning for keys usable from any IP, and the age', async ({ dashboard }) => {
    await dashboard.open('?exchange=kucoin&q=arb-');
    const payout = dashboard.rowOf('arb-payout');
    await expect(payout.getByRole('listitem').filter({ hasText: 'Transfer' })).toBeVisible();
    await expect(payout.getByText('Any IP')).toBeVisible();
    await expect(payout.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);

    const restricted = dashboard.rowOf('arb-engine-1');
    await expect(restricted.getByText('34.92.17.20')).toBeVisible();
  });

  test('masks API keys until asked, and says why master keys cannot be revoked here', async ({ dashboard, simulator }) => {
    await dashboard.open('?exchange=kucoin');
    await dashboard.search('arb-payout');
    const key = (await simulator.kucoinKeys()).find((candidate) => candidate.label === 'arb-payout')!;
    const row = dashboard.rowOf('arb-payout');
    await expect(row.getByText(key.apiKey)).toHaveCount(0);
    await row.getByRole('button', { name: 'Show API key for arb-payout' }).click();
    await expect(row.getByText(key.apiKey)).toBeVisible();

    await dashboard.search('keyaudit');
    const master = dashboard.rowOf('keyaudit');
    await expect(master.getByRole('link', { name: 'Manage on KuCoin' })).toHaveAttribute('href', 'https://www.kucoin.com/account/api');
    await expect(master.getByRole('button', { name: /^Revoke/ })).toHaveCount(0);
  });
});
