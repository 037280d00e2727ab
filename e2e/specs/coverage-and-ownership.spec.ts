/**
 * What the demo audit could not see, which keys are linked to a third party, and which keys keyaudit itself holds:
 * each as the server's run has it, found on screen the way a user finds it.
 */
import type { AuditRun } from '../../server/src/contract/audit-run.ts';
import { EXCHANGE_NAMES } from '../../server/src/contract/exchanges.ts';
import { test, expect } from '../fixtures.ts';

async function latestAudit(): Promise<AuditRun> {
  const response = await fetch(`${process.env.E2E_BASE_URL}/api/audit`, { headers: { authorization: `Bearer ${process.env.E2E_SESSION_TOKEN}` } });
  return response.json();
}

/** Screenshots for a person to look at; kept out of the repository. */
const SCREENSHOT_DIR = process.env.E2E_SCREENSHOT_DIR;
const shoot = async (page: import('@playwright/test').Page, name: string) => {
  if (SCREENSHOT_DIR) await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` });
};

test('the connection strip says what each connection could not see, as the run has it', async ({ dashboard, page }) => {
  await dashboard.open();
  const run = await latestAudit();
  const withNotes = run.connections.filter((connection) => (connection.notes?.length ?? 0) > 0);
  expect(withNotes.length, 'the demo has connections with coverage notes').toBeGreaterThan(0);

  const folded = page.locator('details.connections-ok > summary');
  await expect(folded).toContainText(`${withNotes.length} could not see everything`);
  const strip = page.getByRole('list', { name: 'Connection status' });
  await expect(strip).toBeHidden();
  await folded.click();
  await expect(strip).toBeVisible();
  for (const connection of withNotes) {
    const item = strip.getByRole('listitem').filter({ hasText: connection.label }).filter({ hasText: EXCHANGE_NAMES[connection.exchange] }).first();
    const notes = item.getByRole('list', { name: 'Could not see' }).getByRole('listitem');
    await expect(notes).toHaveText(connection.notes!.map((note) => `Could not see: ${note.message}`));
  }
  // The Binance demo's sub-account keys never say whether they can withdraw: the note counts them all.
  const binanceSubKeys = run.keys.filter((key) => key.exchange === 'binance' && key.account.kind === 'sub').length;
  await expect(strip.getByText(`Binance does not report whether ${binanceSubKeys} keys can withdraw`, { exact: false })).toBeVisible();
  await shoot(page, 'coverage-notes');
});

test('"Linked to a third party" shows exactly the keys the exchanges say are, and bulk selection picks them', async ({ dashboard, page }) => {
  await dashboard.open();
  const linked = (await latestAudit()).keys.filter((key) => key.isThirdPartyBound === true);
  expect(linked.map((key) => key.exchange).sort(), 'the demo seeds one on Binance and one on Bybit').toEqual(['binance', 'bybit']);

  await page.getByRole('checkbox', { name: 'Linked to a third party' }).check();
  await expect(page).toHaveURL(/[?&]thirdParty=1/);
  const rows = dashboard.keyTable.getByRole('row').filter({ has: page.getByRole('button', { name: /^Show details of / }) });
  await expect(rows).toHaveCount(linked.length);
  for (const key of linked) {
    const row = dashboard.rowOf(key.label);
    await expect(row).toHaveAttribute('data-key-id', key.id);
    await expect(row.getByText('linked to a third party')).toBeVisible();
  }
  await shoot(page, 'third-party-filter');
  const binance = linked.find((key) => key.exchange === 'binance')!;
  await dashboard.rowOf(binance.label).getByRole('button', { name: /^Show details of / }).click();
  const about = page.getByRole('dialog').getByRole('list', { name: 'About this key' });
  await expect(about.getByText('linked to a third party', { exact: true })).toBeVisible();
  // Binance's sub-account key API never says whether a key can withdraw: the details say so instead of calling it read-only.
  await expect(about.getByText('withdraw not reported', { exact: true })).toBeVisible();
  await shoot(page, 'third-party-details');
  await page.getByRole('button', { name: 'Close key details' }).click();

  await page.getByRole('checkbox', { name: 'Linked to a third party' }).uncheck();
  await page.getByRole('button', { name: `Select all linked to a third party (${linked.length})` }).click();
  await expect(page.getByText(`${linked.length} selected`, { exact: false })).toBeVisible();
  await expect(page.getByRole('button', { name: `Revoke selected (${linked.length})` })).toBeEnabled();
  await page.getByRole('checkbox', { name: 'Linked to a third party' }).check();
  for (const key of linked) await expect(dashboard.rowOf(key.label).getByRole('checkbox')).toBeChecked();
});

test('the keys keyaudit holds are marked "held by keyaudit", in the table and in their details, and no other key is', async ({ dashboard, page }) => {
  await dashboard.open('?account=master&showAccepted=1');
  const run = await latestAudit();
  const held = run.keys.filter((key) => key.isCallingKey);
  expect(held).toHaveLength(run.connections.length);

  const marked = dashboard.keyTable.getByRole('row').filter({ has: page.getByText('held by keyaudit', { exact: true }) });
  await expect(marked).toHaveCount(held.length);
  const markedIds = await marked.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-key-id')));
  expect(markedIds.sort()).toEqual(held.map((key) => key.id).sort());
  await shoot(page, 'held-by-keyaudit');

  const kucoin = held.find((key) => key.exchange === 'kucoin')!;
  await page.locator(`tr[data-key-id="${kucoin.id}"]`).getByRole('button', { name: /^Show details of / }).click();
  const details = page.getByRole('dialog');
  const about = details.getByRole('list', { name: 'About this key' });
  await expect(about.getByText('held by keyaudit', { exact: true })).toBeVisible();
  await expect(about).toContainText("its secret is in keyaudit's encrypted vault");
  await shoot(page, 'held-by-keyaudit-details');
});
