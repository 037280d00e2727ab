import { test, expect } from '../fixtures.ts';

// old_treasury (withdrawals from any IP): no other spec acts on it. Disabling keeps the key, so later specs still list it.
test('disables a dangerous Deribit key: it stays listed, marked disabled, with its findings; the simulator keeps it with enabled false', async ({ dashboard, simulator, page }) => {
  await dashboard.open('?exchange=deribit&q=old_treasury');
  await page.getByRole('button', { name: 'Show details of old_treasury' }).click();
  const panel = page.getByRole('dialog', { name: 'Key details: old_treasury' });
  await panel.getByRole('button', { name: 'Disable', exact: true }).click();

  const dialog = page.getByRole('dialog', { name: 'Disable API key' });
  await expect(dialog).toContainText('stops working at once, but the key is kept and can be enabled again');
  await expect(dialog).toContainText('Revoke: deletes the key for good.');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Disable key' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  await expect(panel.getByRole('status').filter({ hasText: 'Disabled ' })).toHaveText('Disabled old_treasury (master account on Deribit) on Deribit: it stays listed, marked disabled.');
  await expect(panel.getByRole('button', { name: 'Disable', exact: true })).toHaveCount(0);
  await expect(panel.getByRole('list', { name: 'About this key' })).toContainText('Deribit reports this key disabled');
  await expect(panel.getByText('it can be enabled again, so this still counts').first()).toBeVisible();
  await expect(dashboard.rowOf('old_treasury').getByText('disabled', { exact: true })).toBeVisible();

  const stored = (await simulator.keys('deribit')).find((key) => key.label === 'old_treasury');
  expect(stored?.stored).toMatchObject({ enabled: false });
});
