/**
 * Owner, purpose and tags over HTTP against the demo: the seeded ones, setting one, its limits, an unknown key, the
 * session, the action log, and the exports (CSV cells a spreadsheet would run are defused).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditReportSchema } from '@contract/audit-report.ts';
import { keyAnnotationListSchema } from '@contract/key-annotation.ts';
import { fetchTransport } from '../src/exchanges/http-transport.ts';
import { startSimulator, type RunningSimulator } from '../src/simulator/create-simulator.ts';
import { createDemoWorkspace } from '../src/workspace/create-demo-workspace.ts';
import { startApp, type RunningApp } from './test-support/start-app.ts';

let simulator: RunningSimulator;
let app: RunningApp;
let demo: ReturnType<typeof createDemoWorkspace>;
beforeAll(async () => {
  simulator = await startSimulator({ rateLimits: 'relaxed' });
  demo = createDemoWorkspace({ simulator, transport: fetchTransport, now: Date.now });
  app = await startApp(demo.services);
  await demo.services.audits.current().audit();
}, 60_000);
afterAll(async () => {
  await app.close();
  await simulator.close();
  demo.dispose();
});

const list = async () => keyAnnotationListSchema.parse(await (await app.api('/api/key-annotations')).json()).annotations;
const annotate = (keyId: string, json: unknown) => app.api(`/api/keys/${encodeURIComponent(keyId)}/annotation`, { method: 'POST', json });
const keyLabelled = async (exchange: string, label: string) => (await demo.services.audits.current().latest()).keys.find((key) => key.exchange === exchange && key.label === label)!;

describe('key annotations over HTTP', { timeout: 60_000 }, () => {
  it('lists the demo seed by key id, without the apiKey it is stored with', async () => {
    const dca = await keyLabelled('bybit', '3commas-dca');
    const annotations = await list();
    expect(annotations.find((entry) => entry.keyId === dca.id)).toMatchObject({ owner: 'ana', tags: ['bot', 'prod'] });
    expect(JSON.stringify(annotations)).not.toContain(dca.apiKey);
  });

  it('sets one key annotation, logs which fields (never their text), and exports it in every format', async () => {
    const key = await keyLabelled('okx', 'pionex-sync');
    const response = await annotate(key.id, { owner: '=HYPERLINK("http://evil.example","x")', purpose: '+grid bot', tags: ['Grid', 'staging'] });
    expect(response.status).toBe(200);
    expect((await list()).find((entry) => entry.keyId === key.id)).toMatchObject({ owner: '=HYPERLINK("http://evil.example","x")', purpose: '+grid bot', tags: ['grid', 'staging'] });

    const log = await demo.services.actionLog.read();
    const line = log.entries.at(-1)!;
    expect(line).toMatchObject({ action: 'key.annotate', outcome: 'ok', details: { exchange: 'okx', label: 'pionex-sync', fields: 'owner purpose tags' } });
    expect(JSON.stringify(line)).not.toContain('HYPERLINK');
    expect(JSON.stringify(line)).not.toContain('staging');

    const csv = await (await app.api('/api/audit/report', { method: 'POST', json: { format: 'csv' } })).text();
    const [header, ...rows] = csv.trim().split('\r\n');
    expect(header!.split(',').slice(-3)).toEqual(['owner', 'purpose', 'tags']);
    const row = rows.find((candidate) => candidate.includes(',pionex-sync,'))!;
    // a spreadsheet would run these cells: each starts with a ' instead
    expect(row.endsWith(`,"'=HYPERLINK(""http://evil.example"",""x"")",'+grid bot,grid staging`)).toBe(true);

    const report = auditReportSchema.parse(await (await app.api('/api/audit/report', { method: 'POST', json: { format: 'json' } })).json());
    expect(report.keys.find((candidate) => candidate.ref === key.id)).toMatchObject({ owner: '=HYPERLINK("http://evil.example","x")', tags: ['grid', 'staging'] });
    expect(report.keys.find((candidate) => candidate.label === 'blockpit-export')?.owner).toBeUndefined();
    const html = await (await app.api('/api/audit/report', { method: 'POST', json: { format: 'html' } })).text();
    expect(html).toContain('#grid #staging');
    expect(html).not.toContain('<a href="http://evil.example"');

    // clearing every field removes it
    expect((await annotate(key.id, { owner: '', purpose: null, tags: [] })).status).toBe(200);
    expect((await list()).some((entry) => entry.keyId === key.id)).toBe(false);
  });

  it('refuses what breaks a limit, saying which field and why, without quoting the value', async () => {
    const key = await keyLabelled('okx', 'pionex-sync');
    const badTag = await annotate(key.id, { tags: ['@SUM(A1)'] });
    expect(badTag.status).toBe(400);
    const body = (await badTag.json()) as { error: string; message: string };
    expect(body.error).toBe('invalid-input');
    expect(body.message).toMatch(/^Tags: a tag starts with a letter or digit/);
    expect(body.message).not.toContain('SUM');
    expect((await annotate(key.id, { owner: 'x'.repeat(81) })).status).toBe(400);
    expect((await annotate(key.id, { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) })).status).toBe(400);
    const stray = await annotate(key.id, { owner: 'ana', KA_CANARY_field: 1 });
    expect(stray.status).toBe(400);
    expect(await stray.text()).not.toContain('KA_CANARY');
  });

  it('answers 404 for a key no audit lists, and 401 without a session', async () => {
    expect((await annotate('no-such-key', { owner: 'ana' })).status).toBe(404);
    const key = await keyLabelled('okx', 'pionex-sync');
    const anonymous = await fetch(`${app.origin}/api/keys/${key.id}/annotation`, { method: 'POST', headers: { origin: app.origin, 'content-type': 'application/json' }, body: '{"owner":"x"}' });
    expect(anonymous.status).toBe(401);
    expect((await fetch(`${app.origin}/api/key-annotations`, { headers: { origin: app.origin } })).status).toBe(401);
  });
});
