import { test, expect } from '../fixtures.ts';

const DEMO_KEY_PASSPHRASE = 'demo-key-pass';

// 3commas-dca, not pionex-grid: binding a Bybit key's IPs ends its expiry, and review-findings needs pionex-grid's.
test('restricts a Bybit key to IPs from its finding: the re-read resolves the finding and the simulator stores the whitelist', async ({ dashboard, simulator, page }) => {
  await dashboard.open('?exchange=bybit&q=3commas-dca');
  await page.getByRole('button', { name: 'Show details of 3commas-dca' }).click();
  const panel = page.getByRole('dialog', { name: 'Key details: 3commas-dca' });
  const fix = panel.getByRole('button', { name: /^Fix: restrict IPs: Can trade from any IP/ });
  await fix.click();
  const dialog = page.getByRole('dialog', { name: 'Restrict IPs of 1 key' });
  await dialog.getByLabel('Bind to these IPs (comma-separated)').fill('198.51.100.21, 198.51.100.22');
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await expect(dialog.getByText('Before: readOnly=false, ContractTrade:Order, ContractTrade:Position, Spot:SpotTrade · IPs: any IP')).toBeVisible();
  await expect(dialog.getByText('After: readOnly=false, ContractTrade:Order, ContractTrade:Position, Spot:SpotTrade · IPs: 198.51.100.21, 198.51.100.22')).toBeVisible();
  await dialog.getByRole('button', { name: 'Restrict 1 key' }).click();
  await expect(dialog.getByText('Restricted; read back as asked.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();

  expect(await simulator.storedKey('bybit', '3commas-dca', '100245902')).toMatchObject({ ips: ['198.51.100.21', '198.51.100.22'] });
  await expect(panel.getByRole('button', { name: /^Fix: restrict IPs: Can trade from any IP/ })).toHaveCount(0);
  await expect(panel).not.toContainText('Can trade from any IP');
});

test('bulk: removes withdrawals from keys on three exchanges, each previewed; the one its exchange cannot change is skipped with the reason', async ({ dashboard, simulator, page }) => {
  await dashboard.open('?q=grid-profit-sweep');
  await dashboard.rowOf('grid-profit-sweep').filter({ hasText: 'KuCoin' }).getByRole('checkbox').check();
  await dashboard.search('desk-payout');
  await dashboard.rowOf('desk-payout').getByRole('checkbox').check();
  await dashboard.search('ops-script-2023');
  await dashboard.rowOf('ops-script-2023').filter({ hasText: 'Binance' }).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Remove permissions of selected' }).click();

  const dialog = page.getByRole('dialog', { name: 'Remove permissions from 3 keys' });
  await expect(dialog.getByRole('checkbox', { name: 'Withdrawals' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Preview' }).click();
  const planned = dialog.getByRole('list', { name: 'Keys to restrict' }).getByRole('listitem');
  await expect(planned).toHaveCount(2);
  await expect(dialog.getByText('After: General, Spot · IPs: any IP')).toBeVisible();
  await expect(dialog.getByText('After: wallet, withdrawal:read_only · IPs: any IP')).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'Skipped (1)' })).toBeVisible();
  await expect(dialog).toContainText('Binance does not report whether this key can withdraw');
  await dialog.getByLabel('API passphrase of the key').fill(DEMO_KEY_PASSPHRASE);
  await dialog.getByRole('button', { name: 'Restrict 2 keys' }).click();
  await expect(dialog.getByText('Restricted; read back as asked.')).toHaveCount(2);

  expect(await simulator.storedKey('kucoin', 'grid-profit-sweep', 'grid bot 2')).toMatchObject({ permission: 'General,Spot' });
  expect(await simulator.storedKey('gate', 'desk-payout', 'cross_margin_desk')).toMatchObject({
    perms: [{ name: 'wallet', read_only: false }, { name: 'withdrawal', read_only: true }],
  });
  expect((await simulator.storedKey('binance', 'ops-script-2023', 'treasury+ops@acme-capital.io'))?.permissions).toContain('enableWithdrawals');
});
