import { test, expect } from '../fixtures.ts';

test.describe('Auditing the KuCoin demo account', () => {
  test('lists every key of the master account and all sub-accounts, as the simulator holds them', async ({ dashboard, simulator, page }, testInfo) => {
    await dashboard.open();
    await expect(dashboard.demoBanner).toBeVisible();

    const simulated = await simulator.kucoinKeys();
    expect(simulated.length).toBeGreaterThanOrEqual(20);
    expect(await dashboard.keyCount()).toBe(simulated.length);
    // The demo account is small enough that every row is rendered (the table virtualizes only long lists).
    for (const { label } of simulated.filter((key) => key.account !== 'master')) {
      await expect(dashboard.rowOf(label)).toHaveCount(1);
    }

    const screenshot = await page.screenshot({ fullPage: false });
    await testInfo.attach('dashboard', { body: screenshot, contentType: 'image/png' });
    await page.screenshot({ path: testInfo.outputPath('dashboard.png') });
  });

  test('shows permissions as reported, a clear warning for keys usable from any IP, and the age', async ({ dashboard }) => {
    await dashboard.open();
    const payout = dashboard.rowOf('arb-payout');
    await expect(payout.getByRole('listitem').filter({ hasText: 'Transfer' })).toBeVisible();
    await expect(payout.getByText('Any IP')).toBeVisible();
    await expect(payout.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);

    const restricted = dashboard.rowOf('arb-engine-1');
    await expect(restricted.getByText('34.92.17.20')).toBeVisible();
  });

  test('masks API keys until asked, and says why master keys cannot be revoked here', async ({ dashboard, simulator }) => {
    await dashboard.open();
    const key = (await simulator.kucoinKeys()).find((candidate) => candidate.label === 'arb-payout')!;
    const row = dashboard.rowOf('arb-payout');
    await expect(row.getByText(key.apiKey)).toHaveCount(0);
    await row.getByRole('button', { name: 'Show API key for arb-payout' }).click();
    await expect(row.getByText(key.apiKey)).toBeVisible();

    const master = dashboard.rowOf('keyaudit');
    await expect(master.getByRole('link', { name: 'Manage on KuCoin' })).toHaveAttribute('href', 'https://www.kucoin.com/account/api');
    await expect(master.getByRole('button', { name: /^Revoke/ })).toHaveCount(0);
  });
});
