/**
 * The dashboard unlocked while `keyaudit add`, `remove`, `passwd` or `notify add` run in a terminal, through the CLI's
 * own code path (runCli, in process, on the same data directory): the dashboard takes in the change and says so, asks
 * for the passphrase again when its key no longer opens the vault, and never saves over what the CLI saved.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRun } from '@contract/audit-run.ts';
import { runCli } from '../src/cli/run-cli.ts';
import { fakeCliContext } from '../src/cli/cli-test-support.ts';
import { openVault } from '../src/vault/index.ts';
import { demoMasterConnection, startLiveHarness, type LiveHarness } from './test-support/live-harness.ts';

let harness: LiveHarness;
beforeEach(async () => {
  harness = await startLiveHarness();
  expect((await harness.app.api('/api/vault/unlock', { method: 'POST', json: { passphrase: harness.vaultPassphrase } })).status).toBe(200);
});
afterEach(() => harness.close());

const NEW_PASSPHRASE = 'another long passphrase';
const BINANCE = JSON.stringify({ apiKey: 'BINANCEKEY0000111122', secret: 's3cr3t-binance' });

/** One CLI command line, answering its passphrase prompts. */
async function keyaudit(argv: string[], answers: string[] = [harness.vaultPassphrase], stdin?: string) {
  const { ctx, out } = fakeCliContext({ dataDir: harness.dataDir, answers, stdin });
  const code = await runCli(argv, ctx);
  expect(code, out.stderr).toBe(0);
}
const json = async (pathname: string, init: { method?: string; json?: unknown } = {}) => {
  const response = await harness.app.api(pathname, init);
  return { status: response.status, body: await response.json() };
};
const labelsOnDisk = async (passphrase = harness.vaultPassphrase) => {
  const vault = await openVault(harness.dataDir, passphrase);
  try {
    return (await vault.listConnections()).map((connection) => connection.label).sort();
  } finally {
    vault.lock();
  }
};

describe('connections changed in a terminal while the dashboard is unlocked', () => {
  it('are taken in before the next request, counted in the status answer, and the audit reads them', async () => {
    await json('/api/connections', { method: 'POST', json: demoMasterConnection(harness.simulator) });
    expect((await json('/api/status')).body).toMatchObject({ outsideChanges: { count: 0, last: null }, sessionIdleMs: 15 * 60_000 });

    await keyaudit(['add', 'binance', '--label', 'from terminal', '--no-test'], [harness.vaultPassphrase], BINANCE);
    const status = (await json('/api/status')).body;
    expect(status).toMatchObject({ vault: 'unlocked', lockedBecause: null });
    expect(status.outsideChanges).toEqual({ count: 1, last: { connectionsAdded: 1, connectionsRemoved: 0, connectionsRenamed: 0, alertChannelsChanged: false } });
    expect((await json('/api/connections')).body.connections.map((c: { label: string }) => c.label).sort()).toEqual(['KuCoin main', 'from terminal']);
    const run = (await json('/api/audit')).body as AuditRun;
    expect(run.connections.map((connection) => connection.label).sort()).toEqual(['KuCoin main', 'from terminal']);

    await keyaudit(['notify', 'add', 'ntfy', '--label', 'phone'], [harness.vaultPassphrase], JSON.stringify({ serverUrl: 'https://ntfy.sh', topic: 'keyaudit-alerts-test' }));
    expect((await json('/api/status')).body.outsideChanges).toMatchObject({ count: 2, last: { alertChannelsChanged: true, connectionsAdded: 0 } });
    expect((await json('/api/alert-channels')).body.channels.map((c: { label: string }) => c.label)).toEqual(['phone']);
  });

  it('a CLI command that only logs an action is not reported as a change', async () => {
    await keyaudit(['log', 'verify']);
    await keyaudit(['list']);
    expect((await json('/api/status')).body.outsideChanges).toEqual({ count: 0, last: null });
  });

  it('never loses a write: a dashboard change made on a stale vault keeps what the CLI saved', async () => {
    const kucoin = (await json('/api/connections', { method: 'POST', json: demoMasterConnection(harness.simulator) })).body;
    await keyaudit(['add', 'binance', '--label', 'from terminal', '--no-test'], [harness.vaultPassphrase], BINANCE);
    // Straight to the service, past the request-level check: the save itself re-reads under the data directory's lock.
    await harness.workspace.connections.rename(kucoin.id, 'renamed in the dashboard');
    expect(await labelsOnDisk()).toEqual(['from terminal', 'renamed in the dashboard']);

    await keyaudit(['remove', kucoin.id]);
    const renamed = await json(`/api/connections/${kucoin.id}`, { method: 'PATCH', json: { label: 'resurrected?' } });
    expect(renamed).toMatchObject({ status: 404, body: { error: 'connection-not-found' } });
    expect(await harness.workspace.connections.rename(kucoin.id, 'resurrected?').catch((error: Error) => error.name)).toBe('ConnectionNotFoundError');
    expect(await labelsOnDisk()).toEqual(['from terminal']);
    expect((await json('/api/status')).body.outsideChanges.last).toMatchObject({ connectionsRemoved: 1 });
  });
});

describe('the passphrase changed in a terminal (keyaudit passwd)', () => {
  it('locks the dashboard and says why; the new passphrase opens it again and nothing was overwritten', async () => {
    await json('/api/connections', { method: 'POST', json: demoMasterConnection(harness.simulator) });
    await keyaudit(['passwd'], [harness.vaultPassphrase, NEW_PASSPHRASE, NEW_PASSPHRASE]);

    const refused = await json('/api/connections', { method: 'POST', json: { ...demoMasterConnection(harness.simulator), apiKey: 'A'.repeat(24), label: 'stale' } });
    expect(refused.status).toBe(423);
    expect(refused.body).toMatchObject({ error: 'vault-reopen-required', message: "The vault's passphrase was changed in a terminal (keyaudit passwd): enter the new passphrase. Nothing was saved." });
    expect((await json('/api/status')).body).toMatchObject({ vault: 'locked', lockedBecause: 'passphrase-changed' });
    expect((await json('/api/connections')).body).toMatchObject({ error: 'vault-locked' });
    expect(await labelsOnDisk(NEW_PASSPHRASE)).toEqual(['KuCoin main']);

    expect((await json('/api/vault/unlock', { method: 'POST', json: { passphrase: harness.vaultPassphrase } })).status).toBe(401);
    expect((await json('/api/vault/unlock', { method: 'POST', json: { passphrase: NEW_PASSPHRASE } })).status).toBe(200);
    expect((await json('/api/status')).body).toMatchObject({ vault: 'unlocked', lockedBecause: null });
    const log = (await json('/api/action-log')).body;
    expect(log.verified).toBe(true);
    expect(log.entries.map((entry: { action: string; details: { reason?: string } }) => `${entry.action}${entry.details.reason ? `:${entry.details.reason}` : ''}`)).toEqual([
      'vault.unlock', 'connection.add', 'vault.passwd', 'vault.lock:vault-changed', 'vault.unlock',
    ]);
  });

  it('a request that meets the new file mid-way (after the stat) is answered the same way', async () => {
    await keyaudit(['passwd'], [harness.vaultPassphrase, NEW_PASSPHRASE, NEW_PASSPHRASE]);
    // The service straight, as a request already past the check would: it fails on the re-keyed file.
    const failure = await harness.workspace.connections.list().catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'VaultChangedError', kind: 'rekeyed' });
    expect(await harness.workspace.vault.reconcile!({ kind: 'rekeyed' })).toBe('passphrase-changed');
    expect(harness.workspace.vault.state()).toBe('locked');
  });
});

describe('the recent-passphrase window in the status answer', () => {
  it('says until when this session may revoke without the passphrase, then null once it has passed; never the passphrase', async () => {
    const status = (await json('/api/status')).body;
    const until = Date.parse(status.recentPassphraseUntil);
    expect(until - Date.now()).toBeGreaterThan(4 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    expect(JSON.stringify(status)).not.toContain(harness.vaultPassphrase);
    harness.advanceClock(6 * 60_000);
    expect((await json('/api/status')).body.recentPassphraseUntil).toBeNull();
    // The server agrees: a revoke now needs the passphrase first.
    expect((await json('/api/keys/k/revoke', { method: 'POST', json: {} })).body.error).toBe('reauth-required');
  });
});
