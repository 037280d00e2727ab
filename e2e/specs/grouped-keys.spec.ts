/**
 * The grouped view (exchange → account): a group header with its worst severity and counts, collapsing a group by
 * keyboard, a filter changing the counts, and a key's details opened from a grouped row. Read-only: it changes no
 * demo state, and it reads what it expects from the audit the dashboard shows.
 */
import type { AuditRun } from '../../server/src/contract/audit-run.ts';
import { SEVERITIES, type Severity } from '../../server/src/contract/finding.ts';
import { test, expect } from '../fixtures.ts';

async function latestAudit(): Promise<AuditRun> {
  const response = await fetch(`${process.env.E2E_BASE_URL}/api/audit`, { headers: { authorization: `Bearer ${process.env.E2E_SESSION_TOKEN}` } });
  return response.json();
}

/** Each key's worst open finding, by key id. */
function worstByKey(run: AuditRun): Map<string, Severity> {
  const worst = new Map<string, Severity>();
  for (const finding of run.findings) {
    if (finding.acceptance) continue;
    const current = worst.get(finding.keyId);
    if (!current || SEVERITIES.indexOf(finding.severity) < SEVERITIES.indexOf(current)) worst.set(finding.keyId, finding.severity);
  }
  return worst;
}

const capitalized = (word: string) => word[0]!.toUpperCase() + word.slice(1);

test('grouped by account: an exchange with its worst severity and counts, collapsed by keyboard, narrowed by a filter, and a key opened', async ({ dashboard, page }) => {
  await dashboard.open('?showAccepted=1');
  const run = await latestAudit();
  const kucoinKeys = run.keys.filter((key) => key.exchange === 'kucoin');
  const worst = worstByKey(run);
  const kucoinWorst = SEVERITIES.find((severity) => kucoinKeys.some((key) => worst.get(key.id) === severity))!;
  const kucoinAccounts = new Set(kucoinKeys.map((key) => `${key.account.kind}:${key.account.name}`)).size;
  expect(kucoinAccounts).toBeGreaterThan(1);

  await page.getByRole('checkbox', { name: 'Group by account' }).check();
  await expect(page).toHaveURL(/group=account/);
  // Collapsed, every exchange is one header row on screen (expanded, the table draws only the rows in view).
  await page.getByRole('button', { name: 'Collapse all' }).click();
  const kucoinToggle = dashboard.keyTable.getByRole('button', { name: 'KuCoin', exact: true });
  const kucoinHeader = dashboard.keyTable.getByRole('row').filter({ has: page.getByRole('button', { name: 'KuCoin', exact: true }) });
  await expect(kucoinHeader).toContainText(`${kucoinKeys.length} keys · ${kucoinAccounts} accounts`);
  await expect(kucoinHeader).toContainText(`worst ${capitalized(kucoinWorst)}`);
  await expect(kucoinToggle).toHaveAttribute('aria-expanded', 'false');

  // Expanded from the keyboard, KuCoin shows its accounts (collapsed too); collapsed again, they go and the other exchanges stay.
  const kucoinMaster = dashboard.keyTable.getByRole('button', { name: 'Master account on KuCoin' });
  await kucoinToggle.focus();
  await page.keyboard.press('Enter');
  await expect(kucoinToggle).toHaveAttribute('aria-expanded', 'true');
  await expect(kucoinMaster).toHaveAttribute('aria-expanded', 'false');
  await kucoinMaster.click();
  await expect(dashboard.keyTable.locator('tr[data-key-id] td[data-label="Exchange"]', { hasText: 'KuCoin' }).first()).toBeVisible();
  await kucoinToggle.focus();
  await page.keyboard.press('Space');
  await expect(kucoinToggle).toHaveAttribute('aria-expanded', 'false');
  await expect(kucoinMaster).toHaveCount(0);
  await expect(dashboard.keyTable.locator('tr[data-key-id] td[data-label="Exchange"]', { hasText: 'KuCoin' })).toHaveCount(0);
  await expect(dashboard.keyTable.getByRole('button', { name: 'Binance', exact: true })).toBeVisible();

  // A severity filter: the counts say how many of the group's keys it shows, and the group stays collapsed.
  const kucoinAtWorst = kucoinKeys.filter((key) => worst.get(key.id) === kucoinWorst).length;
  await page.getByRole('combobox', { name: 'Severity' }).selectOption(kucoinWorst);
  await expect(kucoinHeader).toContainText(`${kucoinAtWorst} of ${kucoinKeys.length} keys`);
  await expect(kucoinToggle).toHaveAttribute('aria-expanded', 'false');

  // Every group expanded again, a key's details open from its grouped row.
  await page.getByRole('button', { name: 'Expand all' }).click();
  await expect(kucoinToggle).toHaveAttribute('aria-expanded', 'true');
  const key = kucoinKeys.find((candidate) => worst.get(candidate.id) === kucoinWorst)!;
  await dashboard.keyTable.locator(`tr[data-key-id="${key.id}"] .row-open`).click();
  await expect(page.getByRole('dialog', { name: new RegExp(key.label) })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`key=${encodeURIComponent(key.id)}`));
});
