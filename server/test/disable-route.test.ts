/**
 * POST /api/keys/:keyId/disable against the simulators: the session and the recent vault passphrase are required, the
 * key is switched off on Deribit's simulator (still there, enabled false), the re-read keeps it in the run marked
 * disabled with its findings, every attempt is a key.disable line, and what must not be disabled is refused unsent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { apiRoutes } from '@contract/api.ts';
import type { AuditRun } from '@contract/audit-run.ts';
import { fetchTransport } from '../src/exchanges/http-transport.ts';
import { DERIBIT_DEMO_CONNECTION } from '../src/simulator/deribit/deribit-demo-seed.ts';
import { startSimulator, type RunningSimulator } from '../src/simulator/create-simulator.ts';
import { createDemoWorkspace } from '../src/workspace/create-demo-workspace.ts';
import { startApp, type RunningApp } from './test-support/start-app.ts';
import { startLiveHarness, type LiveHarness } from './test-support/live-harness.ts';

type LogEntry = { action: string; outcome: string; details: Record<string, unknown> };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startDemo(): Promise<{ simulator: RunningSimulator; app: RunningApp; demo: ReturnType<typeof createDemoWorkspace> }> {
  const simulator = await startSimulator({ rateLimits: 'relaxed' });
  const demo = createDemoWorkspace({ simulator, transport: fetchTransport, now: Date.now });
  const app = await startApp(demo.services);
  cleanups.push(() => simulator.close(), () => demo.dispose(), () => app.close());
  return { simulator, app, demo };
}

const disablePath = (keyId: string) => `/api/keys/${encodeURIComponent(keyId)}/disable`;
const actionLog = async (app: RunningApp) => ((await (await app.api('/api/action-log')).json()) as { entries: LogEntry[] }).entries;

describe('disable over HTTP (demo)', () => {
  it('switches a Deribit key off on the exchange, keeps it in the run marked disabled with its findings, and logs it', async () => {
    const { simulator, app, demo } = await startDemo();
    const run = await demo.services.audits.current().audit();
    const target = run.keys.find((key) => key.exchange === 'deribit' && key.label === 'old_treasury')!;
    expect(target.disablability).toMatchObject({ canDisable: true });
    const findingsBefore = run.findings.filter((finding) => finding.keyId === target.id).map((finding) => finding.ruleId);
    expect(findingsBefore.length).toBeGreaterThan(0);

    const response = await app.api(disablePath(target.id), { method: 'POST', json: {} });
    expect(response.status).toBe(200);
    const result = apiRoutes.disableKey.output.parse(await response.json());
    expect(result).toMatchObject({ keyId: target.id, confirmation: 'disabled', message: null });
    expect(simulator.deribit.state.findKey(target.apiKey)!.key.enabled).toBe(false);

    const latest = await demo.services.audits.current().latest();
    const now = latest.keys.find((key) => key.id === target.id)!;
    expect(now).toMatchObject({ isDisabled: true, disablability: { canDisable: false } });
    expect(now.permissions).toContain('enabled=false');
    // It can be enabled again on Deribit, so it is still judged by what it could do.
    expect(latest.findings.filter((finding) => finding.keyId === target.id).map((finding) => finding.ruleId)).toEqual(findingsBefore);

    const lines = (await actionLog(app)).filter((entry) => entry.action === 'key.disable');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      outcome: 'ok',
      details: { exchange: 'deribit', connectionId: target.connectionId, account: 'master:master', label: 'old_treasury', apiKey: expect.stringContaining('…') },
    });
    expect(JSON.stringify(lines)).not.toContain(target.apiKey);

    // Disabled already: refused before anything is sent, and nothing more is logged.
    const again = await app.api(disablePath(target.id), { method: 'POST', json: {} });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'not-disablable' });
    expect((await actionLog(app)).filter((entry) => entry.action === 'key.disable')).toHaveLength(1);
  });

  it("refuses keyaudit's own Deribit key and any key of an exchange whose API cannot disable, sending nothing", async () => {
    const { simulator, app, demo } = await startDemo();
    const run = await demo.services.audits.current().audit();
    const calling = run.keys.find((key) => key.exchange === 'deribit' && key.isCallingKey)!;
    const kucoin = run.keys.find((key) => key.exchange === 'kucoin' && key.revocability.canRevoke)!;
    const since = simulator.journal.nextSeq;
    for (const key of [calling, kucoin]) {
      const response = await app.api(disablePath(key.id), { method: 'POST', json: {} });
      expect(response.status, key.label).toBe(409);
      expect(await response.json()).toMatchObject({ error: 'not-disablable' });
    }
    expect(simulator.journal.since(since)).toEqual([]);
    expect(simulator.deribit.state.findKey(DERIBIT_DEMO_CONNECTION.apiKey)!.key.enabled).toBe(true);
  });

  it('says plainly that Deribit wants a second factor, changes nothing, and logs the refusal', async () => {
    const { simulator, app, demo } = await startDemo();
    const run = await demo.services.audits.current().audit();
    const target = run.keys.find((key) => key.exchange === 'deribit' && key.label === 'tax_export')!;
    simulator.deribit.state.requireSecurityKey(true);
    const response = await app.api(disablePath(target.id), { method: 'POST', json: {} });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe('permission-denied');
    expect(body.message).toMatch(/second factor .* keyaudit cannot provide one/);
    expect(simulator.deribit.state.findKey(target.apiKey)!.key.enabled).toBe(true);
    expect((await actionLog(app)).at(-1)).toMatchObject({ action: 'key.disable', outcome: 'failed', details: { errorKind: 'permission-denied', label: 'tax_export' } });
  });

  it('answers 401 without a session, and sends nothing', async () => {
    const { simulator, app, demo } = await startDemo();
    const run = await demo.services.audits.current().audit();
    const target = run.keys.find((key) => key.exchange === 'deribit' && key.label === 'tax_export')!;
    const since = simulator.journal.nextSeq;
    const response = await fetch(app.origin + disablePath(target.id), { method: 'POST', headers: { origin: app.origin, 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
    expect(simulator.journal.since(since)).toEqual([]);
    expect(simulator.deribit.state.findKey(target.apiKey)!.key.enabled).toBe(true);
  });
});

describe('disable over HTTP (vault)', () => {
  let harness: LiveHarness;
  it('needs the vault passphrase entered within the last minutes, as revoke does', async () => {
    harness = await startLiveHarness();
    cleanups.push(() => harness.close());
    expect((await harness.app.api('/api/vault/unlock', { method: 'POST', json: { passphrase: harness.vaultPassphrase } })).status).toBe(200);
    const added = await harness.app.api('/api/connections', {
      method: 'POST',
      json: { exchange: 'deribit', label: 'Deribit main', apiKey: DERIBIT_DEMO_CONNECTION.apiKey, secret: DERIBIT_DEMO_CONNECTION.secret, baseUrl: harness.simulator.baseUrls.deribit },
    });
    expect(added.status).toBe(201);
    const run = (await (await harness.app.api('/api/audit')).json()) as AuditRun;
    const target = run.keys.find((key) => key.exchange === 'deribit' && key.label === 'custody_link')!;
    // A second session that has not entered the passphrase itself (the window is per session, as for revoke).
    const token = harness.app.sessions.startSession(harness.app.sessions.issueLaunchToken())!;
    const other = (pathname: string, json: unknown) => harness.app.api(pathname, { method: 'POST', json, headers: { authorization: `Bearer ${token}` } });
    const refused = await other(disablePath(target.id), {});
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toBe('reauth-required');
    expect(harness.simulator.deribit.state.findKey(target.apiKey)!.key.enabled).toBe(true);
    expect((await other('/api/vault/unlock', { passphrase: harness.vaultPassphrase })).status).toBe(200);
    const accepted = await other(disablePath(target.id), {});
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    expect(harness.simulator.deribit.state.findKey(target.apiKey)!.key.enabled).toBe(false);
  });
});
