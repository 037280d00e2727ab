/**
 * The Accepted risks view's routes over HTTP with a vault-backed server and the KuCoin simulator: list, edit and
 * revoke, each checked by its effect on policy.json, on the action log and on the next audit's findings.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiRoutes } from '@contract/api.ts';
import type { AcceptanceView } from '@contract/acceptances.ts';
import type { AuditRun } from '@contract/audit-run.ts';
import type { Finding } from '@contract/finding.ts';
import { demoMasterConnection, startLiveHarness, type LiveHarness } from './test-support/live-harness.ts';

let harness: LiveHarness;
beforeEach(async () => {
  harness = await startLiveHarness();
  await unlock();
  expect((await harness.app.api('/api/connections', { method: 'POST', json: demoMasterConnection(harness.simulator) })).status).toBe(201);
});
afterEach(() => harness.close());

const unlock = () => harness.app.api('/api/vault/unlock', { method: 'POST', json: { passphrase: harness.vaultPassphrase } });
const audit = async () => (await (await harness.app.api('/api/audit')).json()) as AuditRun;
const policyFile = () => path.join(harness.dataDir, 'policy.json');
const readPolicy = () => JSON.parse(readFileSync(policyFile(), 'utf8'));
const list = async () => apiRoutes.listAcceptances.output.parse(await (await harness.app.api('/api/acceptances')).json()).acceptances;
const edit = (id: string, json: unknown) => harness.app.api(`/api/acceptances/${encodeURIComponent(id)}`, { method: 'PATCH', json });
const revoke = (id: string) => harness.app.api(`/api/acceptances/${encodeURIComponent(id)}`, { method: 'DELETE' });
const logLines = () => readFileSync(path.join(harness.dataDir, 'actions.log'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
const findingOf = (run: AuditRun, target: Finding) => run.findings.find((finding) => finding.keyId === target.keyId && finding.ruleId === target.ruleId)!;

/** Accepts a critical finding of a sub-account key (whole apiKey, so masking shows) and returns it with its listed view. */
async function acceptOne(reason = 'payout bot, reviewed by ops'): Promise<{ finding: Finding; run: AuditRun; view: AcceptanceView }> {
  const run = await audit();
  const subKeyIds = new Set(run.keys.filter((key) => key.account.kind === 'sub').map((key) => key.id));
  const finding = run.findings.find((candidate) => candidate.severity === 'critical' && subKeyIds.has(candidate.keyId))!;
  const accepted = await harness.app.api('/api/findings/accept', { method: 'POST', json: { keyId: finding.keyId, ruleId: finding.ruleId, reason, expiresAt: '2099-01-01' } });
  expect(accepted.status).toBe(200);
  const [view] = await list();
  return { finding, run, view: view! };
}

describe('listing accepted risks', () => {
  it('lists none before anything is accepted, and never starts an audit to list them', async () => {
    expect(await list()).toEqual([]);
    const since = harness.simulator.journal.nextSeq;
    expect(await list()).toEqual([]);
    expect(harness.simulator.journal.since(since)).toEqual([]);
  });

  it('lists an acceptance with the rule in words and the key it covers, masked, under the id written into policy.json', async () => {
    const { finding, run, view } = await acceptOne();
    const key = run.keys.find((candidate) => candidate.id === finding.keyId)!;
    expect(view).toMatchObject({
      ruleId: finding.ruleId, ruleTitle: expect.any(String), severity: 'critical', exchange: 'kucoin', account: key.account, match: 'listed',
      key: { keyId: key.id, label: key.label, maskedKey: `${key.apiKey.slice(0, 4)}…${key.apiKey.slice(-4)}` },
      reason: 'payout bot, reviewed by ops', expiresAt: '2099-01-01T00:00:00.000Z',
    });
    expect(view.ruleTitle).not.toBe(finding.ruleId);
    expect(Date.parse(view.acceptedAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(readPolicy().acceptances[0].id).toBe(view.id);
    expect(JSON.stringify(await list())).not.toContain(key.apiKey);
  });

  it('marks a key no longer listed, a connection not read yet, and an old entry that no longer names one key, each with a stable id', async () => {
    const run = await audit();
    const connectionId = run.connections[0]!.connectionId;
    writeFileSync(policyFile(), JSON.stringify({
      acceptances: [
        { ruleId: 'withdraw-enabled', apiKey: '6705deadbeef00000000dead', exchange: 'kucoin', connectionId, account: { kind: 'master', name: 'master' }, reason: 'gone key', expiresAt: '2099-01-01' },
        { ruleId: 'withdraw-enabled', apiKey: 'abcdabcdabcdabcdabcd', exchange: 'kucoin', connectionId: 'c_notread', account: { kind: 'master', name: 'master' }, reason: 'other connection', expiresAt: '2099-01-01' },
        // Before scopes: a masked string names no key (policy-acceptance.ts).
        { ruleId: 'withdraw-enabled', apiKey: '******', exchange: 'kucoin', reason: 'old entry', expiresAt: '2099-01-01' },
      ],
    }));
    const listed = await list();
    expect(listed.map((view) => [view.reason, view.match, view.key])).toEqual([
      ['gone key', 'key-gone', null],
      ['other connection', 'not-read', null],
      ['old entry', 'unscoped', null],
    ]);
    expect(listed[2]!.account).toBeNull();
    expect((await list()).map((view) => view.id)).toEqual(listed.map((view) => view.id));
    expect(new Set(listed.map((view) => view.id)).size).toBe(3);

    // Editing an entry without an id writes its id into it: the handle the page holds keeps working.
    expect((await edit(listed[0]!.id, { reason: 'gone key, checked' })).status).toBe(200);
    expect(readPolicy().acceptances[0]).toMatchObject({ id: listed[0]!.id, reason: 'gone key, checked', connectionId });
    expect((await list()).map((view) => view.id)).toEqual(listed.map((view) => view.id));
  });

  it('is refused while the vault is locked', async () => {
    await harness.app.api('/api/vault/lock', { method: 'POST', json: {} });
    for (const response of [await harness.app.api('/api/acceptances'), await edit('a_1', { reason: 'x' }), await revoke('a_1')]) {
      expect(response.status).toBe(423);
    }
  });
});

describe('editing an accepted risk', () => {
  it('changes the end day and the reason, logs both before and after in words, and the next audit uses them', async () => {
    const { finding, view } = await acceptOne();
    const response = await edit(view.id, { expiresAt: '2098-06-30', reason: 'payout bot; owner: ops team, rotated monthly, see ticket OPS-1234 for the full review notes of this key' });
    expect(response.status).toBe(200);
    const edited = apiRoutes.editAcceptance.output.parse(await response.json());
    expect(edited).toMatchObject({ id: view.id, expiresAt: '2098-06-30T00:00:00.000Z', match: 'listed' });
    expect(readPolicy().acceptances).toHaveLength(1);
    expect(readPolicy().acceptances[0]).toMatchObject({ id: view.id, expiresAt: '2098-06-30', acceptedAt: view.acceptedAt });

    const line = logLines().at(-1);
    expect(line).toMatchObject({
      action: 'finding.acceptance-edit', outcome: 'ok',
      details: { ruleId: finding.ruleId, rule: view.ruleTitle, exchange: 'kucoin', apiKey: view.key!.maskedKey, label: view.key!.label, until: '2098-06-30', untilBefore: '2099-01-01', reasonBefore: 'payout bot, reviewed by ops' },
    });
    expect(line.details.reason.length).toBeLessThanOrEqual(80);
    expect(line.details.reason).toMatch(/^payout bot; owner: ops team/);
    expect(findingOf(await audit(), finding).acceptance).toEqual({ reason: edited.reason, expiresAt: '2098-06-30T00:00:00.000Z' });
  });

  it('refuses an end day that is not in the future, an empty edit and an unknown id, and writes nothing', async () => {
    const { view } = await acceptOne();
    const before = readFileSync(policyFile(), 'utf8');
    const today = new Date().toISOString().slice(0, 10);
    for (const [id, json, status] of [[view.id, { expiresAt: today }, 400], [view.id, { expiresAt: '2020-01-01' }, 400], [view.id, {}, 400], [view.id, { reason: '   ' }, 400], ['a_nope', { reason: 'x' }, 404]] as const) {
      const response = await edit(id, json);
      expect(response.status, JSON.stringify(json)).toBe(status);
      if (status === 404) expect((await response.json()).error).toBe('acceptance-not-found');
    }
    expect(readFileSync(policyFile(), 'utf8')).toBe(before);
    expect(logLines().some((line) => line.action === 'finding.acceptance-edit')).toBe(false);
  });

  it('needs the vault passphrase entered within 5 minutes, as accepting does', async () => {
    const { view } = await acceptOne();
    harness.advanceClock(6 * 60_000);
    const refused = await edit(view.id, { expiresAt: '2098-01-01' });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toBe('reauth-required');
    expect(readPolicy().acceptances[0].expiresAt).toBe('2099-01-01');
    await unlock();
    expect((await edit(view.id, { expiresAt: '2098-01-01' })).status).toBe(200);
  });
});

describe('revoking an accepted risk', () => {
  it('removes it without a fresh passphrase (it only makes the audit stricter), logs it, and the finding counts again', async () => {
    const { finding, view } = await acceptOne();
    expect(findingOf(await audit(), finding).acceptance).not.toBeNull();
    harness.advanceClock(6 * 60_000);
    expect((await revoke(view.id)).status).toBe(200);
    expect(readPolicy().acceptances).toEqual([]);
    expect(await list()).toEqual([]);
    expect(logLines().at(-1)).toMatchObject({
      action: 'finding.acceptance-revoke', outcome: 'ok',
      details: { ruleId: finding.ruleId, rule: view.ruleTitle, apiKey: view.key!.maskedKey, until: '2099-01-01', reason: 'payout bot, reviewed by ops' },
    });
    expect(findingOf(await audit(), finding).acceptance).toBeNull();
    const again = await revoke(view.id);
    expect(again.status).toBe(404);
  });
});
