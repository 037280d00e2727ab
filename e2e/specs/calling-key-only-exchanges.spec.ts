/**
 * Exchanges whose API shows only the key it is called with (the exchange table lists neither sub-account keys nor other
 * master keys), in the demo:
 * the key is listed with what the exchange reports of it (its last use, where the exchange gives one), offers no revoke,
 * and links to the exchange's API page instead; the simulator still holds every key.
 */
import type { AuditRun } from '../../server/src/contract/audit-run.ts';
import { EXCHANGE_IDS } from '../../server/src/contract/exchange-id.ts';
import { EXCHANGE_NAMES, exchangeInfo } from '../../server/src/contract/exchanges.ts';
import { test, expect } from '../fixtures.ts';

const CALLING_KEY_ONLY = EXCHANGE_IDS.filter((exchange) => !exchangeInfo(exchange).api.canListSubAccountKeys && !exchangeInfo(exchange).api.canListOtherMasterKeys);

async function latestAudit(): Promise<AuditRun> {
  const response = await fetch(`${process.env.E2E_BASE_URL}/api/audit`, { headers: { authorization: `Bearer ${process.env.E2E_SESSION_TOKEN}` } });
  return response.json();
}

for (const exchange of CALLING_KEY_ONLY) {
  test(`${EXCHANGE_NAMES[exchange]}: lists the key keyaudit holds, with its last use where reported, and sends the user to the API page to delete it`, async ({ dashboard, simulator, page }) => {
    const before = await simulator.keys(exchange);
    await dashboard.open(`?exchange=${exchange}`);
    const keys = (await latestAudit()).keys.filter((key) => key.exchange === exchange);
    expect(keys.map((key) => key.isCallingKey)).toEqual([true]);
    const [key] = keys;
    expect(key!.revocability.canRevoke).toBe(false);

    // Found by its id: some of these exchanges report no label (Bitget).
    const row = page.locator(`tr[data-key-id="${key!.id}"]`);
    await expect(row).toBeVisible();
    await row.getByRole('button', { name: /^Show details of / }).click();
    const details = page.getByRole('dialog', { name: /^Key details/ });
    await expect(details.getByRole('button', { name: 'Revoke this key' })).toHaveCount(0);
    // Revoke and restrict each say why not and link the page: every such link goes to the exchange's API page.
    const manage = details.getByRole('link', { name: `Manage on ${EXCHANGE_NAMES[exchange]}` });
    await expect(manage.first()).toBeVisible();
    for (const link of await manage.all()) await expect(link).toHaveAttribute('href', exchangeInfo(exchange).manageKeysUrl);
    const lastUsed = details.locator('.fact').filter({ has: page.getByText('Last used', { exact: true }) }).locator('dd');
    if (key!.lastUsedAt !== null) await expect(lastUsed).not.toHaveText('Not reported');
    else await expect(lastUsed).toHaveText('Not reported');

    // Nothing was deleted (a key's stored last use moves on as keyaudit calls it, so keys are compared by id).
    const ids = (keys: { apiKey: string }[]) => keys.map((stored) => stored.apiKey).sort();
    expect(ids(await simulator.keys(exchange))).toEqual(ids(before));
  });
}
