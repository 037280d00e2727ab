/**
 * POST /api/audit/report, the dashboard's export, over HTTP against the demo: everything or only the keys on screen
 * (with the filters in words), every format including the printable HTML page, a body of 50,000 key ids accepted on
 * this route only, and only with a session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditReportSchema } from '@contract/audit-report.ts';
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

const exportReport = (json: unknown) => app.api('/api/audit/report', { method: 'POST', json });

describe('POST /api/audit/report', { timeout: 60_000 }, () => {
  it('exports every key by default, as the GET always did', async () => {
    const run = await demo.services.audits.current().latest();
    const response = await exportReport({ format: 'json' });
    expect(response.status).toBe(200);
    const report = auditReportSchema.parse(await response.json());
    expect(report.keys).toHaveLength(run.keys.length);
    expect(report.scope).toBeUndefined();
  });

  it('exports only the keys on screen, their findings, and says which filters chose them', async () => {
    const run = await demo.services.audits.current().latest();
    const chosen = run.keys.filter((key) => key.exchange === 'okx').map((key) => key.id);
    const response = await exportReport({ format: 'json', only: { keyIds: chosen, description: 'Exchange: OKX' } });
    expect(response.headers.get('content-disposition')).toMatch(/-filtered\.json"?$/);
    const report = auditReportSchema.parse(await response.json());
    expect(report.keys.map((key) => key.ref).sort()).toEqual([...chosen].sort());
    expect(report.findings.every((finding) => chosen.includes(finding.keyRef))).toBe(true);
    expect(report.findings.length).toBe(run.findings.filter((finding) => chosen.includes(finding.keyId)).length);
    expect(report.scope).toEqual({ keys: chosen.length, ofKeys: run.keys.length, description: 'Exchange: OKX' });
    expect(report.summary.keys).toBe(chosen.length);
  });

  it('CSV carries every column of the report, accepted findings and their reasons included', async () => {
    const csv = await (await exportReport({ format: 'csv' })).text();
    expect(csv.split('\r\n')[0]).toBe('worst,exchange,account,label,apiKey,permissions,ipWhitelist,createdAt,findings,notes,couldNotSee,topFinding,capabilities,expiresAt,lastUsedAt,acceptedFindings,acceptances,owner,purpose,tags');
  });

  it('HTML is one self-contained page that may load and run nothing', async () => {
    const response = await exportReport({ format: 'html' });
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`);
    expect(html).not.toMatch(/<script|<img|<link|\bsrc=|\bhref=/i);
    expect(html).toContain('<h2 id="accepted">Accepted risks');
  });

  it('takes 50,000 key ids on this route, while every other route keeps its 16 KiB limit', async () => {
    const ids = Array.from({ length: 50_000 }, (_, index) => `c_00000000:sub:a-sub-account-name:${index.toString().padStart(24, '0')}`);
    const response = await exportReport({ format: 'csv', only: { keyIds: ids, description: 'nothing real' } });
    expect(response.status).toBe(200);
    expect((await response.text()).trimEnd().split('\r\n')).toHaveLength(1);
    const tooBig = await app.api('/api/findings/accept', { method: 'POST', json: { padding: 'x'.repeat(20_000) } });
    expect(tooBig.status).toBe(413);
  });

  it('answers 401 without a session, and 400 to an unknown format', async () => {
    expect((await fetch(`${app.origin}/api/audit/report`, { method: 'POST', headers: { 'content-type': 'application/json', origin: app.origin }, body: '{"format":"csv"}' })).status).toBe(401);
    expect((await exportReport({ format: 'xml' })).status).toBe(400);
  });
});
