import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures.ts';

/**
 * axe-core on the main screens, in the light and the dark colour scheme, with the page's own CSP in force: no
 * violation of WCAG 2.x A/AA (colour contrast included) on the key table (flat and grouped), a key's details, the revoke
 * and disable dialogs, the Changes, Accepted risks and Activity views.
 */
async function violations(page: Page, screen: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((violation) => `${screen}: ${violation.id} (${violation.nodes.length}) ${violation.nodes[0]?.target.join(' ')}`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no axe violations on the main screens in ${colorScheme} mode`, async ({ dashboard, page }) => {
    test.setTimeout(90_000); // eight axe scans; each takes seconds on a busy machine
    await page.emulateMedia({ colorScheme });
    await dashboard.open();
    const found = await violations(page, 'keys');

    // The grouped view: group header rows (one expanded, one collapsed) between the keys.
    await page.getByRole('checkbox', { name: 'Group by account' }).check();
    const firstAccount = dashboard.keyTable.locator('.group-account .group-toggle').first();
    await firstAccount.click();
    await expect(firstAccount).toHaveAttribute('aria-expanded', 'false');
    found.push(...(await violations(page, 'keys grouped by account')));
    await page.getByRole('checkbox', { name: 'Group by account' }).uncheck();

    await page.getByRole('button', { name: 'Show details of arb-payout' }).click();
    await expect(page.getByRole('dialog', { name: /arb-payout/ })).toBeVisible();
    found.push(...(await violations(page, 'key details')));
    await page.keyboard.press('Escape');

    await dashboard.search('delta-app');
    await dashboard.startRevoke('delta-app', 'portfolio-tracker');
    found.push(...(await violations(page, 'revoke dialog')));
    await page.keyboard.press('Escape');

    // Deribit: a key its exchange reports disabled (its badge and marker), and the Disable dialog of another.
    await dashboard.search('paused_bot');
    await page.getByRole('button', { name: 'Show details of paused_bot' }).click();
    await expect(page.getByRole('list', { name: 'About this key' })).toContainText('disabled');
    found.push(...(await violations(page, 'disabled key')));
    await dashboard.search('tax_export');
    await page.getByRole('button', { name: 'Show details of tax_export' }).click();
    await page.getByRole('dialog', { name: 'Key details: tax_export' }).getByRole('button', { name: 'Disable', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Disable API key' })).toBeVisible();
    found.push(...(await violations(page, 'disable dialog')));
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Changes' }).click();
    await expect(page.getByRole('heading', { name: 'Changes' })).toBeVisible();
    found.push(...(await violations(page, 'changes')));

    await page.getByRole('link', { name: /^Accepted risks/ }).click();
    await expect(page.getByRole('heading', { name: 'Accepted risks', level: 1 })).toBeVisible();
    await expect(page.getByText('Loading accepted risks…')).toHaveCount(0);
    found.push(...(await violations(page, 'accepted risks')));

    await page.getByRole('link', { name: 'Activity' }).click();
    await expect(page.getByRole('heading', { name: 'Activity' })).toBeVisible();
    found.push(...(await violations(page, 'activity')));
    expect(found).toEqual([]);
  });
}
