/**
 * Every exchange whose API lists sub-account keys and deletes them without more input (KuCoin, which wants the deleted
 * key's passphrase, has its own spec), in the demo: every sub-account key the simulator holds is listed, and one revoke
 * per exchange really deletes the key in that exchange's simulator. Deribit lists the main account's keys instead (its
 * API lists no sub-account's keys) and deletes the account's other keys. Where the API lists sub-account keys but deletes
 * none (Bitget), every one is listed with a link to the exchange's API page instead of a revoke. Coinbase shows its
 * calling key only, with an IP allowlist it never reports, and deletes nothing.
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

const LISTED_NOT_REVOCABLE = EXCHANGE_IDS.filter((exchange) => exchangeInfo(exchange).api.canListSubAccountKeys && exchangeInfo(exchange).api.revokeSubKeys === 'website-only');

for (const exchange of LISTED_NOT_REVOCABLE) {
  test(`${EXCHANGE_NAMES[exchange]}: lists every sub-account key, offers no revoke and links to the API page instead`, async ({ dashboard, simulator, page }) => {
    const before = await simulator.keys(exchange);
    await dashboard.open(`?exchange=${exchange}`);
    const simulated = before.filter((key) => key.account !== 'master');
    expect(simulated.length).toBeGreaterThan(3);
    for (const { label, account } of simulated) {
      await dashboard.search(label);
      await expect(dashboard.rowOf(label).filter({ hasText: account }).first()).toBeVisible();
    }
    const run = await latestAudit();
    const subKeys = run.keys.filter((key) => key.exchange === exchange && key.account.kind === 'sub');
    expect(subKeys.map((key) => key.apiKey).sort()).toEqual(simulated.map((key) => key.apiKey).sort());
    expect(subKeys.filter((key) => key.revocability.canRevoke)).toEqual([]);
    // The connection was read whole: no note says its sub-accounts went unlisted.
    const connection = run.connections.find((candidate) => candidate.exchange === exchange)!;
    expect(connection.status).toBe('ok');
    expect((connection.notes ?? []).map((note) => note.gap)).not.toContain('sub-accounts-not-listed');
    // A sub-account key open to any IP that can withdraw is judged, not just listed.
    const open = subKeys.filter((key) => key.ipWhitelist === null && key.capabilities.some((grant) => grant.capability === 'withdraw'));
    expect(open.length).toBeGreaterThan(0);
    expect(run.findings.some((finding) => open.some((key) => key.id === finding.keyId))).toBe(true);

    const [key] = open;
    await dashboard.search(key!.label);
    const row = dashboard.rowOf(key!.label).first();
    await expect(row.getByRole('button', { name: /^Revoke / })).toHaveCount(0);
    await row.getByRole('button', { name: /^Show details of / }).click();
    const details = page.getByRole('dialog', { name: /^Key details/ });
    await expect(details.getByRole('button', { name: 'Revoke this key' })).toHaveCount(0);
    const manage = details.getByRole('link', { name: `Manage on ${EXCHANGE_NAMES[exchange]}` });
    await expect(manage.first()).toHaveAttribute('href', exchangeInfo(exchange).manageKeysUrl);
    expect((await simulator.keys(exchange)).map((stored) => stored.apiKey).sort()).toEqual(before.map((stored) => stored.apiKey).sort());
  });
}

test('Deribit: lists every main-account key, names the sub-accounts it could not check, and revokes another key on the exchange', async ({ dashboard, simulator, page }) => {
  await dashboard.open('?exchange=deribit');
  const simulated = (await simulator.keys('deribit')).filter((key) => key.account === 'master');
  expect(simulated.length).toBeGreaterThan(3);
  for (const { label } of simulated) {
    await dashboard.search(label);
    await expect(dashboard.rowOf(label).first()).toBeVisible();
  }
  const run = await latestAudit();
  const subAccounts = [...new Set((await simulator.keys('deribit')).filter((key) => key.account !== 'master').map((key) => key.account))];
  const note = run.connections.find((connection) => connection.exchange === 'deribit')!.notes!.find((candidate) => candidate.gap === 'sub-accounts-not-listed')!;
  for (const name of subAccounts) expect(note.message).toContain(name);

  const victim = run.keys.find((key) => key.exchange === 'deribit' && !key.isCallingKey && key.revocability.canRevoke)!;
  expect(victim, 'a key the demo can revoke').toBeDefined();
  await dashboard.search(victim.label);
  await page.getByRole('button', { name: `Revoke ${victim.label} (master account on ${EXCHANGE_NAMES.deribit})` }).click();
  await expect(dashboard.revokeDialog).toBeVisible();
  await dashboard.revokeDialog.getByRole('button', { name: 'Revoke key' }).click();
  await expect(dashboard.revokeDialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Revoked ${victim.label}` })).toBeVisible();
  expect((await simulator.keys('deribit')).some((key) => key.apiKey === victim.apiKey)).toBe(false);
});

test("Coinbase: shows the CDP key's own permissions, its allowlist as not reported (never any IP), and where to delete it", async ({ dashboard }) => {
  await dashboard.open('?exchange=coinbase');
  const run = await latestAudit();
  const key = run.keys.find((candidate) => candidate.exchange === 'coinbase')!;
  expect(key).toMatchObject({ isCallingKey: true, ipWhitelist: 'unknown', unreported: ['ip-whitelist'] });
  expect(run.keys.filter((candidate) => candidate.exchange === 'coinbase')).toHaveLength(1);
  const row = dashboard.rowOf(key.label).first();
  await expect(row).toBeVisible();
  await expect(row.getByText(`Unknown (not reported by ${EXCHANGE_NAMES.coinbase})`)).toBeVisible();
  await expect(row.getByText('Any IP')).toHaveCount(0);
  await expect(row.getByRole('button', { name: /^Revoke / })).toHaveCount(0);
  await expect(row.locator(`a[href="${key.revocability.manageUrl}"]`)).toBeVisible();
  // A key that can withdraw with an allowlist nobody can read is a finding, not a clean report.
  expect(run.findings.some((finding) => finding.keyId === key.id && finding.ruleId === 'whitelist-unknown-on-powerful-key')).toBe(true);
});
