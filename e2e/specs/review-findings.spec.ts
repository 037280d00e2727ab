/**
 * The review experience: the summary, filters that live in the URL, the detail panel with each
 * finding's why and fix, accepting a risk, and bulk revoke checked in the simulators.
 */
import type { AuditRun } from '../../server/src/contract/audit-run.ts';
import { exchangeInfo } from '../../server/src/contract/exchanges.ts';
import { test, expect } from '../fixtures.ts';

async function latestAudit(): Promise<AuditRun> {
  const response = await fetch(`${process.env.E2E_BASE_URL}/api/audit`, { headers: { authorization: `Bearer ${process.env.E2E_SESSION_TOKEN}` } });
  return response.json();
}

test('the summary counts open findings by severity, as the audit found them', async ({ dashboard, page }) => {
  await dashboard.open();
  const run = await latestAudit();
  const critical = run.findings.filter((finding) => finding.severity === 'critical' && !finding.acceptance).length;
  expect(critical).toBeGreaterThan(0);
  const summary = page.getByRole('region', { name: 'Audit summary' });
  await expect(summary.getByRole('list', { name: 'Open findings by severity' })).toContainText(`${critical} Critical`);
  await expect(summary).toContainText(`${run.keys.length} keys`);
});

test('filters live in the URL: a bookmarked view opens filtered, and changing a filter updates the URL', async ({ dashboard, page }) => {
  await dashboard.open('?noWhitelist=1&exchange=kucoin');
  await expect(page.getByRole('checkbox', { name: 'No IP whitelist' })).toBeChecked();
  const run = await latestAudit();
  const expected = run.keys.filter((key) => key.exchange === 'kucoin' && key.ipWhitelist === null).length;
  await expect.poll(() => dashboard.keyCount()).toBe(expected);
  await expect(dashboard.keyTable.getByText('34.92.17.20')).toHaveCount(0);

  await page.getByRole('combobox', { name: 'Severity' }).selectOption('critical');
  await expect(page).toHaveURL(/severity=critical/);
  await expect(page).toHaveURL(/noWhitelist=1/);
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Severity' })).toHaveValue('critical');
});

test('the Expires and Last used filters narrow the table to the keys the exchanges date so, with the exact date on hover', async ({ dashboard, page }) => {
  await dashboard.open('?showAccepted=1');
  const run = await latestAudit();
  const total = await dashboard.keyCount();
  const soon = run.keys.filter((key) => key.expiresAt !== null && Date.parse(key.expiresAt) <= Date.now() + 14 * 86_400_000);
  expect(soon.length).toBeGreaterThan(0);
  expect(soon.length).toBeLessThan(total);

  await page.getByRole('combobox', { name: 'Expires' }).selectOption('soon');
  await expect(page).toHaveURL(/expiry=soon/);
  await expect.poll(() => dashboard.keyCount()).toBe(soon.length);
  const expiring = dashboard.rowOf(soon[0]!.label).first().locator('time').first();
  await expect(expiring).toHaveText(/^in \d+ days?$|^expired /);
  expect(await expiring.getAttribute('title')).toMatch(/\d{4}/);

  // "Never used" lists exactly the keys without a last use of the exchanges that report one (the exchange table says which).
  await page.getByRole('combobox', { name: 'Expires' }).selectOption('');
  await page.getByRole('combobox', { name: 'Last used' }).selectOption('never');
  const neverUsed = run.keys.filter((key) => exchangeInfo(key.exchange).api.reportsLastUse === true && key.lastUsedAt === null).length;
  await expect.poll(() => dashboard.keyCount()).toBe(neverUsed);
});

test('the detail panel explains each finding and how to fix it, and the panel is keyboard operable', async ({ dashboard, page }) => {
  await dashboard.open('?q=arb-payout');
  await page.getByRole('button', { name: 'Show details of arb-payout' }).click();
  const panel = page.getByRole('dialog', { name: 'Key details: arb-payout' });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Findings' })).toBeVisible();
  await expect(panel).toContainText('Can withdraw from any IP address');
  await expect(panel).toContainText('Revoke this key, or add an IP whitelist');
  await expect(panel).toContainText('Transfer');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(page.getByRole('button', { name: 'Show details of arb-payout' })).toBeFocused();
});

test('accepting a risk records it and moves the finding out of the open counts', async ({ dashboard, page }) => {
  await dashboard.open('?exchange=kucoin&q=earn-autocompound');
  const before = (await latestAudit()).findings.filter((finding) => !finding.acceptance).length;
  await page.getByRole('button', { name: 'Show details of earn-autocompound' }).click();
  const panel = page.getByRole('dialog', { name: 'Key details: earn-autocompound' });
  const accept = panel.getByRole('button', { name: /^Accept risk: / }).first();
  const name = (await accept.getAttribute('aria-label')) ?? (await accept.innerText());
  await accept.click();
  const form = page.getByRole('form', { name }); // the form carries its button's name
  await form.getByLabel('Reason').fill('staking bot, reviewed by ops');
  await form.getByRole('button', { name: 'Accept risk' }).click();
  await expect(panel).toContainText('staking bot, reviewed by ops');
  const after = await latestAudit();
  expect(after.findings.filter((finding) => !finding.acceptance).length).toBe(before - 1);
  expect(after.findings.some((finding) => finding.acceptance?.reason === 'staking bot, reviewed by ops')).toBe(true);
});

test('bulk revoke: every key that can withdraw without a whitelist, one confirmation, per-key results, deleted on the exchanges', async ({ dashboard, simulator, page }) => {
  await dashboard.open();
  const run = await latestAudit();
  const dangerous = new Set(run.findings.filter((finding) => finding.ruleId === 'withdraw-without-ip-whitelist').map((finding) => finding.keyId));
  const targets = run.keys.filter((key) => dangerous.has(key.id));
  const revocable = targets.filter((key) => key.revocability.canRevoke && !key.isCallingKey);
  expect(revocable.length).toBeGreaterThan(1);

  await page.getByRole('button', { name: 'Select all that can withdraw without a whitelist' }).click();
  await page.getByRole('button', { name: /^Revoke selected \(\d+\)$/ }).click();
  const dialog = page.getByRole('dialog', { name: `Revoke ${revocable.length} keys` });
  await expect(dialog).toBeVisible();
  const skipped = targets.length - revocable.length;
  if (skipped > 0) await expect(dialog.getByRole('region', { name: `Skipped: cannot be revoked here (${skipped})` })).toBeVisible();
  await dialog.getByRole('checkbox', { name: 'Use the same passphrase for all' }).check();
  await dialog.getByLabel('API passphrase for all keys').fill('demo-key-pass');
  await dialog.getByRole('button', { name: `Revoke ${revocable.length} keys` }).click();
  await expect(dialog).toContainText(`Revoked all ${revocable.length} keys.`);

  for (const key of revocable) {
    expect((await simulator.keys(key.exchange)).some((listed) => listed.apiKey === key.apiKey), key.label).toBe(false);
  }
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('list', { name: 'Open findings by severity' })).toContainText(`${skipped} Critical`);
});
