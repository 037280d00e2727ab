/**
 * The vault-backed server end to end over HTTP against the KuCoin simulator: unlock, connections,
 * audit, revoke with re-authentication, and the action log — each checked by its effect
 * (simulator state, vault bytes, log lines), not only by the status code.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRun } from '@contract/audit-run.ts';
import { createKucoinDemoSeed, KUCOIN_DEMO_KEY_PASSPHRASE } from '../src/simulator/kucoin/kucoin-demo-seed.ts';
import { demoMasterConnection, startLiveHarness, type LiveHarness } from './test-support/live-harness.ts';

let harness: LiveHarness;
beforeEach(async () => (harness = await startLiveHarness()));
afterEach(() => harness.close());

const vaultFile = () => path.join(harness.dataDir, 'vault.kav');
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const unlock = (passphrase = harness.vaultPassphrase) => harness.app.api('/api/vault/unlock', { method: 'POST', json: { passphrase } });
const addDemoConnection = () => harness.app.api('/api/connections', { method: 'POST', json: demoMasterConnection(harness.simulator) });
const audit = async () => (await (await harness.app.api('/api/audit')).json()) as AuditRun;

describe('a locked vault', () => {
  it('reports locked and refuses to audit until unlocked', async () => {
    expect(await (await harness.app.api('/api/status')).json()).toMatchObject({ mode: 'live', vault: 'locked' });
    expect((await harness.app.api('/api/audit')).status).toBe(423);
    expect((await unlock()).status).toBe(200);
    expect(await (await harness.app.api('/api/status')).json()).toMatchObject({ vault: 'unlocked' });
  });

  it('answers connection changes, credential tests and acceptances with 423 vault-locked until unlocked', async () => {
    const requests: [string, string, unknown][] = [
      ['GET', '/api/connections', undefined],
      ['POST', '/api/connections/test', demoMasterConnection(harness.simulator)],
      ['POST', '/api/connections', demoMasterConnection(harness.simulator)],
      ['PATCH', '/api/connections/c_0123abcd', { label: 'Renamed' }],
      ['DELETE', '/api/connections/c_0123abcd', undefined],
      ['POST', '/api/findings/accept', { keyId: 'k', ruleId: 'withdraw-enabled', reason: 'x', expiresAt: '2099-01-01' }],
      ['POST', '/api/keys/k/revoke', {}],
      ['POST', '/api/keys/k/restrict', { ips: ['198.51.100.4'] }],
    ];
    for (const [method, pathname, json] of requests) {
      const response = await harness.app.api(pathname, { method, json });
      expect(response.status, `${method} ${pathname}`).toBe(423);
      expect(await response.json()).toMatchObject({ error: 'vault-locked', message: 'The vault is locked. Unlock it first.' });
    }
  });

  it('answers a wrong passphrase with unlock-failed and leaves the vault file untouched', async () => {
    const before = { hash: sha256(vaultFile()), mtimeMs: statSync(vaultFile()).mtimeMs };
    const response = await unlock('wrong passphrase!');
    expect(response.status).toBe(401);
    expect((await response.json()).error).toBe('unlock-failed');
    expect({ hash: sha256(vaultFile()), mtimeMs: statSync(vaultFile()).mtimeMs }).toEqual(before);
  });

  it('locks out passphrase guessing after 5 failures, even for the right passphrase', async () => {
    for (let attempt = 0; attempt < 5; attempt++) expect((await unlock('wrong passphrase!')).status).toBe(401);
    const locked = await unlock();
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('connections', () => {
  beforeEach(async () => void (await unlock()));

  it('tests a credential before saving it, and saves it write-only', async () => {
    const tested = await (await harness.app.api('/api/connections/test', { method: 'POST', json: demoMasterConnection(harness.simulator) })).json();
    expect(tested).toMatchObject({ ok: true, error: null, callingKey: { permissions: ['General', 'Spot'], ipWhitelist: ['127.0.0.1'] } });

    const added = await addDemoConnection();
    expect(added.status).toBe(201);
    const summary = await added.json();
    expect(Object.keys(summary).sort()).toEqual(['baseUrl', 'exchange', 'id', 'label', 'maskedKey']);
    expect(summary.maskedKey).toBe('66c2…e5f6');
    const listed = await (await harness.app.api('/api/connections')).json();
    expect(listed.connections).toEqual([summary]);
  });

  it('reports a bad secret as a failed test without saving anything', async () => {
    const tested = await (await harness.app.api('/api/connections/test', { method: 'POST', json: { ...demoMasterConnection(harness.simulator), secret: 'not-the-secret' } })).json();
    expect(tested).toMatchObject({ ok: false, callingKey: null, error: { kind: 'bad-passphrase' } });
    expect((await (await harness.app.api('/api/connections')).json()).connections).toEqual([]);
  });

  it("refuses credentials that are not exactly the exchange table's fields, before asking the exchange", async () => {
    const { passphrase, ...withoutPassphrase } = demoMasterConnection(harness.simulator);
    expect(passphrase).toBeDefined();
    const refusals = [
      ['/api/connections/test', withoutPassphrase],
      ['/api/connections', { ...withoutPassphrase, passphrase: '   ' }],
      ['/api/connections', { ...withoutPassphrase, exchange: 'gate', passphrase: 'p', baseUrl: harness.simulator.baseUrls.gate }],
    ] as const;
    for (const [path, json] of refusals) {
      const response = await harness.app.api(path, { method: 'POST', json });
      expect(response.status, JSON.stringify(json)).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid-input', message: 'Check these fields: passphrase.' });
    }
    expect((await (await harness.app.api('/api/connections')).json()).connections).toEqual([]);
  });

  it('needs the vault passphrase entered in the last 5 minutes to add or remove a connection', async () => {
    const { id } = await (await addDemoConnection()).json();
    harness.advanceClock(6 * 60_000);
    const add = await addDemoConnection();
    expect(add.status).toBe(403);
    expect((await add.json()).error).toBe('reauth-required');
    expect((await harness.app.api(`/api/connections/${id}`, { method: 'DELETE' })).status).toBe(403);
    expect((await (await harness.app.api('/api/connections')).json()).connections).toHaveLength(1);
    await unlock();
    expect((await harness.app.api(`/api/connections/${id}`, { method: 'DELETE' })).status).toBe(200);
  });

  it('answers a duplicate key with 409 duplicate-connection, in plain words, and stores nothing twice', async () => {
    const { id } = await (await addDemoConnection()).json();
    const again = await addDemoConnection();
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'duplicate-connection', message: `This key is already stored as connection ${id}.` });
    expect((await (await harness.app.api('/api/connections')).json()).connections).toHaveLength(1);
  });

  it('answers a rename or removal of an unknown connection with 404 connection-not-found', async () => {
    const renamed = await harness.app.api('/api/connections/c_00000000', { method: 'PATCH', json: { label: 'Renamed' } });
    expect(renamed.status).toBe(404);
    expect(await renamed.json()).toMatchObject({ error: 'connection-not-found', message: 'No connection with id "c_00000000".' });
    const removed = await harness.app.api('/api/connections/c_00000000', { method: 'DELETE' });
    expect(removed.status).toBe(404);
    expect((await removed.json()).error).toBe('connection-not-found');
  });

  it('renames and removes, logging each change', async () => {
    const { id } = await (await addDemoConnection()).json();
    expect((await harness.app.api(`/api/connections/${id}`, { method: 'PATCH', json: { label: 'Renamed' } })).status).toBe(200);
    expect((await harness.app.api(`/api/connections/${id}`, { method: 'DELETE' })).status).toBe(200);
    const log = await (await harness.app.api('/api/action-log')).json();
    expect(log.verified).toBe(true);
    expect(log.entries.map((entry: { action: string }) => entry.action)).toEqual(['vault.unlock', 'connection.add', 'connection.rename', 'connection.remove']);
  });
});

describe('audit and revoke', () => {
  beforeEach(async () => {
    await unlock();
    await addDemoConnection();
  });

  it('lists the master key and every sub-account key of the simulator', async () => {
    const run = await audit();
    const simulated = harness.simulator.kucoin.state.listSubAccounts().flatMap((sub) => sub.keys.map((key) => key.apiKey));
    expect(run.connections[0]).toMatchObject({ status: 'ok', label: 'KuCoin main' });
    expect(run.keys.filter((key) => key.account.kind === 'sub').map((key) => key.apiKey).sort()).toEqual([...simulated].sort());
    expect(run.findings.some((finding) => finding.severity === 'critical')).toBe(true);
  });

  it('revokes a sub-account key on the exchange with its passphrase, and logs it', async () => {
    const run = await audit();
    const target = run.keys.find((key) => key.account.kind === 'sub')!;
    const response = await harness.app.api(`/api/keys/${target.id}/revoke`, { method: 'POST', json: { keyPassphrase: KUCOIN_DEMO_KEY_PASSPHRASE } });
    expect(response.status).toBe(200);
    expect(harness.simulator.kucoin.state.findKey(target.apiKey)).toBeUndefined();
    expect((await audit()).keys.map((key) => key.id)).not.toContain(target.id);
    const log = await (await harness.app.api('/api/action-log')).json();
    expect(log.entries.at(-1)).toMatchObject({ action: 'key.revoke', outcome: 'ok', details: { label: target.label } });
  });

  it('deletes nothing when the key passphrase is wrong, and says so plainly', async () => {
    const target = (await audit()).keys.find((key) => key.account.kind === 'sub')!;
    const response = await harness.app.api(`/api/keys/${target.id}/revoke`, { method: 'POST', json: { keyPassphrase: 'wrong-pass' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'key-passphrase-wrong' });
    expect(harness.simulator.kucoin.state.findKey(target.apiKey)).toBeDefined();
  });

  it('requires the vault passphrase again after 5 minutes before revoking', async () => {
    const target = (await audit()).keys.find((key) => key.account.kind === 'sub')!;
    harness.advanceClock(6 * 60_000);
    const refused = await harness.app.api(`/api/keys/${target.id}/revoke`, { method: 'POST', json: { keyPassphrase: KUCOIN_DEMO_KEY_PASSPHRASE } });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toBe('reauth-required');
    expect(harness.simulator.kucoin.state.findKey(target.apiKey)).toBeDefined();
    await unlock();
    const accepted = await harness.app.api(`/api/keys/${target.id}/revoke`, { method: 'POST', json: { keyPassphrase: KUCOIN_DEMO_KEY_PASSPHRASE } });
    expect(accepted.status).toBe(200);
  });

  it('refuses to revoke a master key, which KuCoin only deletes on its website', async () => {
    const master = (await audit()).keys.find((key) => key.account.kind === 'master')!;
    const response = await harness.app.api(`/api/keys/${master.id}/revoke`, { method: 'POST', json: {} });
    expect(response.status).toBe(409);
  });

  it('marks the run partial and names the failing sub-account while the others still show', async () => {
    harness.simulator.kucoin.state.setFaults({ failSubAccounts: ['tax-export'] });
    const run = await audit();
    expect(run.connections[0].status).toBe('partial');
    const failed = run.connections[0].accounts.filter((account) => account.status === 'failed');
    expect(failed.map((account) => account.account.name)).toEqual(['tax-export']);
    expect(failed[0].error?.message).toBeTruthy();
    expect(run.keys.some((key) => key.account.name === 'market-maker')).toBe(true);
  });
});

describe('accepting a finding', () => {
  beforeEach(async () => {
    await unlock();
    await addDemoConnection();
  });

  it('records the acceptance in policy.json and the next audit marks the finding accepted', async () => {
    const run = await audit();
    const finding = run.findings.find((candidate) => candidate.severity === 'critical')!;
    const response = await harness.app.api('/api/findings/accept', {
      method: 'POST',
      json: { keyId: finding.keyId, ruleId: finding.ruleId, reason: 'payout key, rotated weekly', expiresAt: '2099-01-01' },
    });
    expect(response.status).toBe(200);
    const policy = JSON.parse(readFileSync(path.join(harness.dataDir, 'policy.json'), 'utf8'));
    expect(policy.acceptances).toHaveLength(1);
    const again = (await audit()).findings.find((candidate) => candidate.keyId === finding.keyId && candidate.ruleId === finding.ruleId)!;
    expect(again.acceptance).toEqual({ reason: 'payout key, rotated weekly', expiresAt: '2099-01-01T00:00:00.000Z' });
  });

  it('logs the reason given, shortened, so the Activity view can show why', async () => {
    const finding = (await audit()).findings.find((candidate) => candidate.severity === 'critical')!;
    const reason = `payout key, rotated weekly; ${'x'.repeat(170)}`; // near the 200 characters an acceptance takes
    await harness.app.api('/api/findings/accept', { method: 'POST', json: { keyId: finding.keyId, ruleId: finding.ruleId, reason, expiresAt: '2099-01-01' } });
    const entry = ((await (await harness.app.api('/api/action-log')).json()).entries as { action: string; details: { reason: string } }[]).find((line) => line.action === 'finding.accept')!;
    expect(entry.details.reason.startsWith('payout key, rotated weekly; xxx')).toBe(true);
    expect(entry.details.reason.length).toBeLessThanOrEqual(120);
  });

  it('scopes the acceptance to the connection and account of the key: the same key seen through another connection stays open', async () => {
    // A second master key of the same account: both connections list the same sub-account keys.
    const secondMaster = { apiKey: '67a1b2c3d4e5f60718293a4b', secret: 'e7c1a2b3-0f4e-4d5c-9b8a-7f6e5d4c3b2a', passphrase: 'second-master-pass' };
    const seed = createKucoinDemoSeed();
    seed.master.keys.push({ ...seed.master.keys[0]!, ...secondMaster, remark: 'second audit key' });
    await harness.close();
    harness = await startLiveHarness({ seed });
    await unlock();
    await addDemoConnection();
    const second = await harness.app.api('/api/connections', { method: 'POST', json: { ...demoMasterConnection(harness.simulator, secondMaster), label: 'KuCoin again' } });
    expect(second.status).toBe(201);
    const run = await audit();
    const finding = run.findings.find((candidate) => candidate.severity === 'critical')!;
    const key = run.keys.find((candidate) => candidate.id === finding.keyId)!;
    const twin = run.keys.find((candidate) => candidate.apiKey === key.apiKey && candidate.connectionId !== key.connectionId)!;
    expect(twin, 'the same key through the second connection').toBeDefined();

    const response = await harness.app.api('/api/findings/accept', { method: 'POST', json: { keyId: key.id, ruleId: finding.ruleId, reason: 'reviewed', expiresAt: '2099-01-01' } });
    expect(response.status).toBe(200);
    const policy = JSON.parse(readFileSync(path.join(harness.dataDir, 'policy.json'), 'utf8'));
    expect(policy.acceptances[0]).toMatchObject({ connectionId: key.connectionId, account: key.account, keyId: key.id, apiKey: key.apiKey });

    const again = (await audit()).findings.filter((candidate) => candidate.ruleId === finding.ruleId);
    expect(again.find((candidate) => candidate.keyId === key.id)!.acceptance).not.toBeNull();
    expect(again.find((candidate) => candidate.keyId === twin.id)!.acceptance).toBeNull();
  });

  it('refuses an acceptance that already ended', async () => {
    const finding = (await audit()).findings[0];
    const response = await harness.app.api('/api/findings/accept', { method: 'POST', json: { keyId: finding.keyId, ruleId: finding.ruleId, reason: 'x', expiresAt: '2020-01-01' } });
    expect(response.status).toBe(400);
  });
});

describe('idle sessions', () => {
  it('lock the vault after 15 idle minutes, and say so in the action log', async () => {
    await unlock();
    harness.advanceClock(16 * 60_000);
    harness.app.sessions.sweep();
    const fresh = harness.app.sessions.startSession(harness.app.sessions.issueLaunchToken())!;
    const status = await harness.app.api('/api/status', { headers: { authorization: `Bearer ${fresh}` } });
    expect(await status.json()).toMatchObject({ vault: 'locked' });
    const lastLine = () => JSON.parse(readFileSync(path.join(harness.dataDir, 'actions.log'), 'utf8').trim().split('\n').at(-1)!);
    await expect.poll(lastLine).toMatchObject({ action: 'vault.lock', details: { reason: 'idle' } });
  });
});

describe('the action log (docs/security-model.md#log-macs)', () => {
  it('MACs every entry written with the vault open and anchors it in the vault: unlock, add, revoke, accept, lock', async () => {
    const { openVault } = await import('../src/vault/open-vault.ts');
    const logLines = () => readFileSync(path.join(harness.dataDir, 'actions.log'), 'utf8').trim().split('\n');
    const anchoredLine = async () => {
      const vault = await openVault(harness.dataDir, harness.vaultPassphrase);
      try {
        return vault.actionLogHead?.line;
      } finally {
        vault.lock();
      }
    };
    const expectAnchoredLast = async (action: string) => {
      const last = logLines().at(-1)!;
      expect(JSON.parse(last)).toMatchObject({ action, mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(await anchoredLine()).toBe(last);
    };
    await unlock();
    await expectAnchoredLast('vault.unlock');
    await addDemoConnection();
    await expectAnchoredLast('connection.add');
    const run = await audit();
    const target = run.keys.find((key) => key.account.kind === 'sub')!;
    expect((await harness.app.api(`/api/keys/${target.id}/revoke`, { method: 'POST', json: { keyPassphrase: KUCOIN_DEMO_KEY_PASSPHRASE } })).status).toBe(200);
    await expectAnchoredLast('key.revoke');
    const finding = (await audit()).findings.find((candidate) => candidate.severity === 'critical')!;
    const accepted = await harness.app.api('/api/findings/accept', { method: 'POST', json: { keyId: finding.keyId, ruleId: finding.ruleId, reason: 'rotated weekly', expiresAt: '2099-01-01' } });
    expect(accepted.status).toBe(200);
    await expectAnchoredLast('finding.accept');

    const view = await (await harness.app.api('/api/action-log')).json();
    const lines = logLines();
    expect(view).toMatchObject({ verified: true, authenticated: true, head: { seq: lines.length, hash: createHash('sha256').update(lines.at(-1)!).digest('hex') } });

    expect((await harness.app.api('/api/vault/lock', { method: 'POST', json: {} })).status).toBeLessThan(300);
    await expectAnchoredLast('vault.lock');
    const locked = await (await harness.app.api('/api/action-log')).json();
    expect(locked).toMatchObject({ verified: true, authenticated: false });
  });
});

describe('hostile exchange text (issue 11 item 4)', () => {
  it('caps and cleans a 300-character label with terminal escapes, and a confirmed revoke of its key is answered and logged', async () => {
    await harness.close();
    const { createKucoinDemoSeed } = await import('../src/simulator/kucoin/kucoin-demo-seed.ts');
    const seed = createKucoinDemoSeed();
    const hostileLabel = `\u001b]52;c;cHduZWQ=\u0007\u001b[2K${'L'.repeat(300)}\u202e`;
    seed.subAccounts[0].keys[0].remark = hostileLabel;
    harness = await startLiveHarness({ seed });
    await unlock();
    await addDemoConnection();
    const target = (await audit()).keys.find((key) => key.apiKey === seed.subAccounts[0].keys[0].apiKey)!;
    expect([...target.label].length).toBe(200);
    expect(target.label).toMatch(/^\]52;c;cHduZWQ=\[2KL+…$/);

    const response = await harness.app.api(`/api/keys/${target.id}/revoke`, { method: 'POST', json: { keyPassphrase: KUCOIN_DEMO_KEY_PASSPHRASE } });
    expect(response.status).toBe(200);
    expect(harness.simulator.kucoin.state.findKey(target.apiKey)).toBeUndefined();
    const last = JSON.parse(readFileSync(path.join(harness.dataDir, 'actions.log'), 'utf8').trim().split('\n').at(-1)!);
    expect(last).toMatchObject({ action: 'key.revoke', outcome: 'ok', details: { label: target.label } });
  });
});

describe('session-token gaps (issue 11 item 12)', () => {
  beforeEach(async () => {
    await unlock();
    await addDemoConnection();
  });
  const asOtherSession = () => {
    const token = harness.app.sessions.startSession(harness.app.sessions.issueLaunchToken())!;
    return (pathname: string, init: { method?: string; json?: unknown } = {}) => harness.app.api(pathname, { ...init, headers: { authorization: `Bearer ${token}` } });
  };

  it("tracks the passphrase re-entry per session: another session's entry does not let a session revoke", async () => {
    const target = (await audit()).keys.find((key) => key.account.kind === 'sub')!;
    const other = asOtherSession();
    const refused = await other(`/api/keys/${target.id}/revoke`, { method: 'POST', json: { keyPassphrase: KUCOIN_DEMO_KEY_PASSPHRASE } });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toBe('reauth-required');
    expect(harness.simulator.kucoin.state.findKey(target.apiKey)).toBeDefined();
    expect((await other('/api/vault/unlock', { method: 'POST', json: { passphrase: harness.vaultPassphrase } })).status).toBe(200);
    expect((await other(`/api/keys/${target.id}/revoke`, { method: 'POST', json: { keyPassphrase: KUCOIN_DEMO_KEY_PASSPHRASE } })).status).toBe(200);
  });

  it('requires the passphrase re-entered within 5 minutes to accept a risk', async () => {
    const finding = (await audit()).findings.find((candidate) => candidate.severity === 'critical')!;
    const accept = () => harness.app.api('/api/findings/accept', { method: 'POST', json: { keyId: finding.keyId, ruleId: finding.ruleId, reason: 'x', expiresAt: '2099-01-01' } });
    expect((await asOtherSession()('/api/findings/accept', { method: 'POST', json: { keyId: finding.keyId, ruleId: finding.ruleId, reason: 'x', expiresAt: '2099-01-01' } })).status).toBe(403);
    harness.advanceClock(6 * 60_000);
    const refused = await accept();
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toBe('reauth-required');
    expect(readFileSync(path.join(harness.dataDir, 'actions.log'), 'utf8')).not.toContain('finding.accept');
    await unlock();
    expect((await accept()).status).toBe(200);
  });

  it('lets the dashboard name only the exchange\'s own API hosts or a simulator on loopback as a base URL', async () => {
    for (const baseUrl of ['https://evil.example', 'https://api.binance.com', 'https://api.kucoin.com.evil.example']) {
      for (const pathname of ['/api/connections/test', '/api/connections']) {
        const response = await harness.app.api(pathname, { method: 'POST', json: { ...demoMasterConnection(harness.simulator), baseUrl } });
        expect(response.status, `${pathname} ${baseUrl}`).toBe(400);
        expect(await response.json()).toMatchObject({ error: 'invalid-input', message: expect.stringContaining('keyaudit add --base-url') });
      }
    }
    const tested = await harness.app.api('/api/connections/test', { method: 'POST', json: demoMasterConnection(harness.simulator) });
    expect(await tested.json()).toMatchObject({ ok: true });
  });
});
