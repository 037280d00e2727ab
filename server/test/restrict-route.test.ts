/**
 * POST /api/keys/:keyId/restrict/preview and /restrict against the demo simulators: the preview sends nothing, the
 * change narrows the key on the simulator, the re-read resolves its finding, and the action log has a line for each step.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiRoutes } from '@contract/api.ts';
import { fetchTransport } from '../src/exchanges/http-transport.ts';
import { KUCOIN_DEMO_KEY_PASSPHRASE } from '../src/simulator/kucoin/kucoin-demo-seed.ts';
import { startSimulator, type RunningSimulator } from '../src/simulator/create-simulator.ts';
import { createDemoWorkspace } from '../src/workspace/create-demo-workspace.ts';
import { startApp, type RunningApp } from './test-support/start-app.ts';

let simulator: RunningSimulator;
let app: RunningApp;
let demo: ReturnType<typeof createDemoWorkspace>;
beforeEach(async () => {
  simulator = await startSimulator({ rateLimits: 'relaxed' });
  demo = createDemoWorkspace({ simulator, transport: fetchTransport, now: Date.now });
  app = await startApp(demo.services);
});
afterEach(async () => {
  await app.close();
  await simulator.close();
  demo.dispose();
});

const audit = () => demo.services.audits.current().audit();
const post = (path: string, json: unknown) => app.api(path, { method: 'POST', json });
const preview = (keyId: string, json: unknown) => post(`/api/keys/${encodeURIComponent(keyId)}/restrict/preview`, json);
const restrict = (keyId: string, json: unknown) => post(`/api/keys/${encodeURIComponent(keyId)}/restrict`, json);
const actionLog = async () => ((await (await app.api('/api/action-log')).json()) as { entries: { action: string; outcome: string; details: Record<string, unknown> }[] }).entries;

describe('restrict over HTTP', () => {
  it('previews before → after without a single exchange request', async () => {
    const run = await audit();
    const target = run.keys.find((key) => key.exchange === 'bybit' && key.label === 'pionex-grid')!;
    const since = simulator.journal.nextSeq;
    const response = await preview(target.id, { ips: ['198.51.100.4'] });
    const answer = apiRoutes.previewRestriction.output.parse(await response.json());
    expect(answer).toMatchObject({ ok: true, plan: { before: { ipWhitelist: null }, after: { ipWhitelist: ['198.51.100.4'] } } });
    expect(simulator.journal.since(since)).toEqual([]);
    const refused = apiRoutes.previewRestriction.output.parse(await (await preview(target.id, { ips: ['10.0.0.0/8'] })).json());
    expect(refused).toMatchObject({ ok: false, reason: expect.stringContaining('network segments'), manageUrl: expect.stringContaining('bybit.com') });
  });

  it("binds a Bybit key to IPs: the simulator stores them, the re-read resolves the key's whitelist finding, the log has asked and confirmed", async () => {
    const run = await audit();
    const target = run.keys.find((key) => key.exchange === 'bybit' && key.label === 'pionex-grid')!;
    expect(run.findings.some((finding) => finding.keyId === target.id && finding.ruleId === 'trade-without-ip-whitelist')).toBe(true);
    const response = await restrict(target.id, { ips: ['198.51.100.4'] });
    expect(response.status).toBe(200);
    const result = apiRoutes.restrictKey.output.parse(await response.json());
    expect(result).toMatchObject({ confirmation: 'as-asked', message: null, reported: { ipWhitelist: ['198.51.100.4'] } });
    expect(simulator.bybit.state.findKey(target.apiKey)!.key.ips).toEqual(['198.51.100.4']);
    const reread = result.delta.accounts[0]!;
    expect(reread.findings.filter((finding) => finding.keyId === target.id).map((finding) => finding.ruleId)).not.toContain('trade-without-ip-whitelist');
    expect((await demo.services.audits.current().latest()).findings.some((finding) => finding.keyId === target.id && finding.ruleId === 'trade-without-ip-whitelist')).toBe(false);

    const lines = (await actionLog()).filter((entry) => entry.action === 'key.restrict');
    expect(lines.map((entry) => [entry.outcome, entry.details.phase])).toEqual([['ok', 'asked'], ['ok', 'confirmed']]);
    expect(lines[0]!.details).toMatchObject({ exchange: 'bybit', ipsBefore: 'any', ipsAfter: '198.51.100.4', label: 'pionex-grid' });
    expect(String(lines[0]!.details.apiKey)).not.toBe(target.apiKey);
    expect(String(lines[0]!.details.apiKey)).toContain('…');
  });

  it('refuses what would widen the key before anything is sent, and logs the refusal', async () => {
    const target = (await audit()).keys.find((key) => key.exchange === 'bybit' && key.label === 'mm-hedge')!;
    const since = simulator.journal.nextSeq;
    const response = await restrict(target.id, { ips: ['198.51.100.4'] });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: 'restrict-refused', message: expect.stringContaining('only narrows') });
    expect(simulator.journal.since(since)).toEqual([]);
    expect((await actionLog()).at(-1)).toMatchObject({ action: 'key.restrict', outcome: 'denied', details: { phase: 'refused' } });
  });

  it("asks KuCoin keys for their own passphrase, and reports a wrong one as the exchange's refusal", async () => {
    const target = (await audit()).keys.find((key) => key.exchange === 'kucoin' && key.account.kind === 'sub' && key.ipWhitelist === null)!;
    expect((await restrict(target.id, { ips: ['198.51.100.4'] })).status).toBe(400);
    const wrong = await restrict(target.id, { ips: ['198.51.100.4'], keyPassphrase: 'wrong-pass' });
    expect(await wrong.json()).toMatchObject({ error: 'key-passphrase-wrong' });
    expect((await actionLog()).at(-1)).toMatchObject({ action: 'key.restrict', outcome: 'failed', details: { phase: 'refused', errorKind: 'key-passphrase-wrong' } });
    const right = await restrict(target.id, { drop: [], ips: ['198.51.100.4'], keyPassphrase: KUCOIN_DEMO_KEY_PASSPHRASE });
    expect(apiRoutes.restrictKey.output.parse(await right.json()).confirmation).toBe('as-asked');
    expect(simulator.kucoin.state.findKey(target.apiKey)!.key.ipWhitelist).toBe('198.51.100.4');
  });
});
