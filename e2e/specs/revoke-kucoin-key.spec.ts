import { test, expect } from '../fixtures.ts';

const DEMO_KEY_PASSPHRASE = 'demo-key-pass';

test.describe('Revoking a KuCoin sub-account key', () => {
  test('with a wrong passphrase, says so plainly and deletes nothing', async ({ dashboard, simulator }) => {
    await dashboard.open('?q=coinstats');
    await dashboard.startRevoke('coinstats', 'portfolio-tracker');
    await expect(dashboard.revokeDialog).toContainText('portfolio-tracker');
    await dashboard.confirmRevoke('not-the-passphrase');
    await expect(dashboard.revokeDialog.getByRole('alert')).toContainText('passphrase of that key is wrong');
    await expect(dashboard.revokeDialog).toBeVisible();
    expect(await simulator.hasKucoinKey('coinstats', 'portfolio-tracker')).toBe(true);
  });

  test('with its own passphrase, deletes it on the exchange and the refreshed list no longer shows it', async ({ dashboard, simulator, page }) => {
    await dashboard.open('?exchange=kucoin');
    const before = await dashboard.keyCount();
    await dashboard.search('delta-app');
    await dashboard.startRevoke('delta-app', 'portfolio-tracker');
    await expect(dashboard.revokeDialog).toContainText(`Demo keys use the passphrase ${DEMO_KEY_PASSPHRASE}`);
    await dashboard.confirmRevoke(DEMO_KEY_PASSPHRASE);

    await expect(dashboard.revokeDialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Revoked delta-app' })).toBeVisible();
    expect(await simulator.hasKucoinKey('delta-app', 'portfolio-tracker')).toBe(false);
    await expect(dashboard.rowOf('delta-app')).toHaveCount(0);
    await dashboard.search('');
    await expect.poll(() => dashboard.keyCount()).toBe(before - 1);
  });

  test('the dialog is keyboard usable: focus starts in the passphrase field and Escape cancels', async ({ dashboard, simulator, page }) => {
    await dashboard.open('?q=cointracking');
    await dashboard.startRevoke('cointracking', 'tax-export');
    await expect(dashboard.revokeDialog.getByLabel('API passphrase of this key')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dashboard.revokeDialog).toBeHidden();
    expect(await simulator.hasKucoinKey('cointracking', 'tax-export')).toBe(true);
  });
});
