import { test, expect } from '../fixtures.ts';

const DEMO_KEY_PASSPHRASE = 'demo-key-pass';

/**
 * The audit history in the demo: every completed audit is recorded, the first one after an invented past
 * (runs 1–11 over three weeks, server/src/history/seed-demo-history.ts: since the last of them a key gained
 * withdraw, a whitelist was removed, a key appeared and a retired key disappeared), and the Changes view
 * explains what changed between any two runs.
 */
test.describe('Changes between recorded audits', () => {
  test('lists the changes of the demo history, each with its severity and sentence, linking to the key', async ({ dashboard, page }) => {
    await dashboard.open(); // an audit completes and is recorded
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Changes' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Changes' })).toBeVisible();

    // Runs 1–11 are the seed, run 12 the server's first audit; later specs' audits may have followed it.
    await page.getByLabel('From', { exact: true }).selectOption('11');
    await page.getByLabel('To', { exact: true }).selectOption('12');
    const list = page.getByRole('list', { name: 'Changes from run 11 to run 12' });
    const gained = list.getByRole('listitem').filter({ hasText: 'Permissions changed' });
    await expect(gained).toHaveCount(1);
    await expect(gained).toContainText('gained withdraw');
    await expect(gained).toContainText(/High|Critical/);
    await expect(list.getByRole('listitem').filter({ hasText: 'Key removed' })).toContainText('"old-rebalancer"');
    await expect(list.getByRole('listitem').filter({ hasText: 'Key added' })).toHaveCount(1);

    // The link opens the key in the Keys view, its details showing the same change in its timeline.
    await gained.getByRole('link', { name: /^Show key/ }).click();
    const details = page.getByRole('dialog', { name: /^Key details/ });
    await expect(details).toBeVisible({ timeout: 15_000 });
    const history = details.getByRole('region', { name: 'History' });
    await expect(history.getByRole('listitem').filter({ hasText: 'Permissions changed' })).toContainText('gained withdraw');
    await expect(history.getByRole('listitem').first()).toContainText('First seen');
  });

  test('after revoking a key and refreshing, a key-removed change appears for exactly that key', async ({ dashboard, simulator, page }) => {
    await dashboard.open('?q=koinly-readonly');
    await dashboard.startRevoke('koinly-readonly', 'tax-export');
    await dashboard.confirmRevoke(DEMO_KEY_PASSPHRASE);
    await expect(dashboard.revokeDialog).toBeHidden();
    expect(await simulator.hasKucoinKey('koinly-readonly', 'tax-export')).toBe(false);

    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled({ timeout: 15_000 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Changes' }).click();

    const list = page.getByRole('list', { name: /^Changes from run \d+ to run \d+$/ });
    const removed = list.getByRole('listitem').filter({ hasText: 'Key removed' });
    await expect(removed).toHaveCount(1);
    await expect(removed).toContainText('Key "koinly-readonly"');
    await expect(removed).toContainText('on sub-account tax-export on KuCoin');
    await expect(removed.getByRole('link')).toHaveCount(0);
  });
});
