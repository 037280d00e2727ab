/**
 * Every exchange whose API lists sub-account keys and deletes them without more input (KuCoin, which wants the deleted
 * key's passphrase, has its own spec), in the demo: every sub-account key the simulator holds is listed, and one revoke
 * per exchange really deletes the key in that exchange's simulator.
 */
import type { AuditRun } from '../../server/src/contract/audit-run.ts';
import { EXCHANGE_IDS } from '../../server/src/contract/exchange-id.ts';
import { EXCHANGE_NAMES, exchangeInfo } from '../../server/src/contract/exchanges.ts';
import { test, expect } from '../fixtures.ts';

const EXCHANGES = EXCHANGE_IDS.filter((exchange) => exchangeInfo(exchange).api.canListSubAccountKeys && exchangeInfo(exchange).api.revokeSubKeys === 'api');

async function latestAudit(): Promise<AuditRun> {
  const response = await fetch(`${process.env.E2E_BASE_URL}/api/audit`, { headers: { authorization: `Bearer ${process.env.E2E_SESSION_TOKEN}` } });
  return response.json();
}

for (const exchange of EXCHANGES) {
  test(`${EXCHANGE_NAMES[exchange]}: lists every sub-account key and revokes one on the exchange`, async ({ dashboard, simulator, page }) => {
    await dashboard.open(`?exchange=${exchange}`);
    const simulated = (await simulator.keys(exchange)).filter((key) => key.account !== 'master');
    expect(simulated.length).toBeGreaterThan(3);
    for (const { label, account } of simulated) {
      await dashboard.search(label);
      await expect(dashboard.rowOf(label).filter({ hasText: account }).first()).toBeVisible();
    }

    const victim = (await latestAudit()).keys.find(
      (key) => key.exchange === exchange && key.account.kind === 'sub' && key.revocability.canRevoke && key.revocability.how === 'api',
    )!;
    expect(victim, 'a key the demo can revoke').toBeDefined();
    await dashboard.search(victim.label);
    await dashboard.startRevoke(victim.label, victim.account.name, EXCHANGE_NAMES[exchange]);
    await dashboard.revokeDialog.getByRole('button', { name: 'Revoke key' }).click();
    await expect(dashboard.revokeDialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: `Revoked ${victim.label}` })).toBeVisible();
    expect((await simulator.keys(exchange)).some((key) => key.apiKey === victim.apiKey)).toBe(false);
  });
}
