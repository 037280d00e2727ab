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
});
