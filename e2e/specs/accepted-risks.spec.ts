/**
 * The Accepted risks view: accept a finding from a key's details (its row stays put under the open panel), find it in
 * the view, move its end date, revoke it, and the finding counts again. On OKX's koinly-sync, a key no other spec uses.
 */
import AxeBuilder from '@axe-core/playwright';
import type { AcceptanceList } from '../../server/src/contract/acceptances.ts';
import type { AuditRun } from '../../server/src/contract/audit-run.ts';
import { test, expect } from '../fixtures.ts';

const api = async <T>(path: string): Promise<T> =>
  (await fetch(`${process.env.E2E_BASE_URL}${path}`, { headers: { authorization: `Bearer ${process.env.E2E_SESSION_TOKEN}` } })).json() as Promise<T>;
const utcDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('accept a risk, see it in Accepted risks, move its end date, revoke it: the finding counts again', async ({ dashboard, page }) => {
  const LABEL = 'koinly-sync';
  const REASON = 'tax export, read-only, reviewed by ops';
  const run = await api<AuditRun>('/api/audit');
  const key = run.keys.find((candidate) => candidate.label === LABEL)!;
  const open = (audit: AuditRun) => audit.findings.filter((finding) => finding.keyId === key.id && !finding.acceptance);
  const openBefore = open(run).length;
  expect(openBefore).toBeGreaterThan(0);

  await dashboard.open(`?q=${LABEL}`);
  await page.getByRole('button', { name: `Show details of ${LABEL}` }).click();
  const panel = page.getByRole('dialog', { name: `Key details: ${LABEL}` });
  const accept = panel.getByRole('button', { name: /^Accept risk: / }).first();
  const title = ((await accept.getAttribute('aria-label')) ?? '').replace(/^Accept risk: /, '');
  await accept.click();
  const form = page.getByRole('form', { name: `Accept risk: ${title}` });
  await form.getByLabel('Reason').fill(REASON);
  await form.getByRole('button', { name: 'Accept risk' }).click();
  await expect(panel).toContainText(REASON);
  // The row under the open panel stays listed where it was, even if the key is now accepted-only (hidden by default).
  await expect(dashboard.rowOf(LABEL)).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('link', { name: /^Accepted risks \(\d+\)$/ }).click();
  await expect(page.getByRole('heading', { name: 'Accepted risks', level: 1 })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: REASON });
  await expect(row).toContainText(title);
  await expect(row).toContainText('OKX');
  await expect(row.getByRole('link', { name: `Open ${LABEL} in the Keys view` })).toBeVisible();
  await expect(row).toContainText('Active');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.map((violation) => `${colorScheme}: ${violation.id} ${violation.nodes[0]?.target.join(' ')}`)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  await row.getByRole('button', { name: /^Edit acceptance of / }).click();
  const edit = page.getByRole('dialog', { name: 'Edit accepted risk' });
  await edit.getByLabel('End date').fill(utcDay(10));
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText('Expires within 14 days');
  const listed = (await api<AcceptanceList>('/api/acceptances')).acceptances.find((acceptance) => acceptance.key?.keyId === key.id)!;
  expect(listed).toMatchObject({ reason: REASON, expiresAt: `${utcDay(10)}T00:00:00.000Z`, match: 'listed' });
  await page.getByRole('combobox', { name: 'Show' }).selectOption('expiring');
  await expect(row).toBeVisible();

  await row.getByRole('button', { name: /^Revoke acceptance of / }).click();
  await page.getByRole('dialog', { name: 'Revoke acceptance' }).getByRole('button', { name: 'Revoke acceptance' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'the finding counts again' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: REASON })).toHaveCount(0);
  expect((await api<AcceptanceList>('/api/acceptances')).acceptances.some((acceptance) => acceptance.key?.keyId === key.id)).toBe(false);

  // The audit read again after the revoke: the finding is open, in the API and in the Keys view.
  expect(open(await api<AuditRun>('/api/audit')).length).toBe(openBefore);
  await page.getByRole('link', { name: 'Keys', exact: true }).click();
  await dashboard.search(LABEL);
  await expect(dashboard.rowOf(LABEL)).toBeVisible();
  await expect(dashboard.rowOf(LABEL)).not.toContainText('Accepted');
});
