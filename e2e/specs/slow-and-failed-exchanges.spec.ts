import type { AuditRun } from '../../server/src/contract/audit-run.ts';
import { test, expect } from '../fixtures.ts';

/**
 * One exchange in trouble must not hold up the others: keys of a connection that is read can be revoked
 * while another exchange's rate limit is waited out, and the progress line says which one and why.
 */
async function latestAudit(): Promise<AuditRun> {
  const response = await fetch(`${process.env.E2E_BASE_URL}/api/audit`, { headers: { authorization: `Bearer ${process.env.E2E_SESSION_TOKEN}` } });
  return response.json();
}

test.describe('An exchange in trouble', () => {
  test.describe.configure({ timeout: 75_000 });
  test.afterEach(async ({ simulator }) => {
    await simulator.setFaults('kucoin', {});
    await simulator.setFaults('gate', {});
  });

  test("a rate-limited exchange does not block another exchange's revoke, and the progress line names it", async ({ dashboard, simulator, page }) => {
    const victim = (await latestAudit()).keys.find((key) => key.exchange === 'okx' && key.account.kind === 'sub' && key.revocability.canRevoke && key.revocability.how === 'api')!;
    expect(victim, 'an OKX key the demo can revoke').toBeDefined();
    await simulator.setFaults('kucoin', { rateLimitEveryRequest: true });

    await page.goto(`${dashboard.baseUrl}/?q=${encodeURIComponent(victim.label)}`);
    await expect(page.getByRole('status').filter({ hasText: /waiting out KuCoin's rate limit for .+, \d+ s/ })).toBeVisible({ timeout: 15_000 });
    await dashboard.startRevoke(victim.label, victim.account.name, 'OKX');
    await dashboard.revokeDialog.getByRole('button', { name: 'Revoke key' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Revoked ${victim.label}` })).toBeVisible();
    expect((await simulator.keys('okx')).some((key) => key.apiKey === victim.apiKey)).toBe(false);
    // KuCoin was still being waited for all along.
    await expect(page.getByRole('status').filter({ hasText: /waiting out KuCoin's rate limit/ })).toBeVisible();

    await simulator.setFaults('kucoin', {});
    await expect(dashboard.stillAuditing).toHaveCount(0, { timeout: 45_000 });
  });

  test("a failed connection's keys stay, marked stale with their age, the counts say incomplete, and Retry reads just that connection", async ({ dashboard, simulator, page }) => {
    await dashboard.open('?exchange=gate');
    const gateKeys = await dashboard.keyCount();
    expect(gateKeys).toBeGreaterThan(3);
    const summary = page.getByRole('region', { name: 'Audit summary' });
    await expect(summary).not.toContainText('incomplete');

    await simulator.setFaults('gate', { garbage: true });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(summary).toContainText('incomplete: 1 connection failed', { timeout: 20_000 });
    // Every Gate key is still listed, each marked as last read, and none can be revoked until the connection answers.
    await expect.poll(() => dashboard.keyCount()).toBe(gateKeys);
    await expect(dashboard.keyTable.getByText(/^stale · read /)).toHaveCount(Math.min(gateKeys, await dashboard.keyTable.locator('tbody tr').count()));
    await expect(dashboard.keyTable.getByRole('button', { name: /^Revoke / }).first()).toBeDisabled();

    await simulator.setFaults('gate', {});
    const since = await simulator.nextRequestSeq();
    await page.getByRole('button', { name: 'Retry Gate demo (main account)' }).click();
    await expect(summary).not.toContainText('incomplete', { timeout: 20_000 });
    await expect(dashboard.keyTable.getByText(/^stale · read /)).toHaveCount(0);
    expect(await dashboard.keyCount()).toBe(gateKeys);
    await expect(dashboard.keyTable.getByRole('button', { name: /^Revoke / }).first()).toBeEnabled();
    // Only Gate was read again.
    expect(new Set((await simulator.requestsSince(since)).map((request) => request.exchange))).toEqual(new Set(['gate']));
  });
});
