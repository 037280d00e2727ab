import { readFile } from 'node:fs/promises';
import { test, expect } from '../fixtures.ts';

// OKX's grid-monitor: a read-only key no other spec acts on or counts by its owner or tags.
test('owner and tags set in the detail panel filter the table, survive a reload and reach the CSV export', async ({ dashboard, page }) => {
  await dashboard.open('?exchange=okx&q=grid-monitor');
  await page.getByRole('button', { name: 'Show details of grid-monitor' }).click();
  const panel = page.getByRole('dialog', { name: 'Key details: grid-monitor' });
  const form = panel.getByRole('region', { name: 'Owner and tags' });

  // A tag a spreadsheet would run is refused on the spot, naming the field.
  await form.getByLabel('Tags').fill('=cmd');
  await form.getByRole('button', { name: 'Save owner and tags' }).click();
  await expect(form.getByLabel('Tags')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText(/^Tags: a tag starts with a letter or digit/)).toBeVisible();

  await form.getByLabel('Owner').fill('rosa (e2e)');
  await form.getByLabel('Tags').fill('E2e-notes, night');
  await form.getByLabel('Purpose').fill('watches the grid bots');
  await form.getByRole('button', { name: 'Save owner and tags' }).click();
  await expect(form.getByRole('status')).toHaveText(/^Saved\./);
  await expect(dashboard.rowOf('grid-monitor')).toContainText('rosa (e2e)');
  await expect(dashboard.rowOf('grid-monitor')).toContainText('#e2e-notes');
  await page.keyboard.press('Escape');

  // The tag filter alone, every other filter cleared: only that key.
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await page.getByRole('combobox', { name: 'Tag' }).selectOption('e2e-notes');
  await expect(page).toHaveURL(/[?&]tag=e2e-notes/);
  await expect(dashboard.keyTable.getByRole('row')).toHaveCount(2); // header and one key
  await expect(dashboard.rowOf('grid-monitor')).toBeVisible();

  // Persisted on the server: a reload of that URL shows the same, and the owner is searchable.
  await dashboard.open('?tag=e2e-notes');
  await expect(dashboard.keyTable.getByRole('row')).toHaveCount(2);
  await expect(dashboard.rowOf('grid-monitor')).toContainText('rosa (e2e)');
  await page.getByRole('combobox', { name: 'Tag' }).selectOption('');
  await dashboard.search('ROSA (e2e)');
  await expect(dashboard.keyTable.getByRole('row')).toHaveCount(2);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await readFile((await (await download).path())!, 'utf8');
  const [header, ...rows] = csv.trim().split('\r\n');
  expect(header!.split(',').slice(-3)).toEqual(['owner', 'purpose', 'tags']);
  expect(rows.find((row) => row.includes(',grid-monitor,'))).toMatch(/,rosa \(e2e\),watches the grid bots,e2e-notes night$/);
});
