/**
 * docs/security-model.md#lock-out: failures are counted per kind of credential presented, and noise from any
 * other local process never blocks the user holding a valid session or a fresh launch link.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeWorkspace } from './test-support/fake-workspace.ts';
import { startApp, type RunningApp } from './test-support/start-app.ts';

let app: RunningApp;
let logLines: string[];
beforeEach(async () => {
  logLines = [];
  app = await startApp(createFakeWorkspace().workspace, { logSink: (line) => logLines.push(line) });
});
afterEach(() => app.close());

const BAD_TOKEN = 'x'.repeat(43);
const withBearer = (token: string) => app.api('/api/status', { headers: { authorization: `Bearer ${token}` } });
const launch = (launchToken: string) => app.api('/api/session', { method: 'POST', json: { launchToken }, headers: { authorization: '' } });

describe('lock-out', () => {
  it('never refuses a valid session while bad bearer tokens are locked out', async () => {
    for (let i = 0; i < 5; i++) expect((await withBearer(`${BAD_TOKEN}${i}`)).status).toBe(401);
    expect((await withBearer(BAD_TOKEN)).status).toBe(429);
    expect((await app.api('/api/status')).status).toBe(200);
  });

  it('never refuses a fresh launch token while bad launch tokens are locked out, and keeps the kinds apart', async () => {
    for (let i = 0; i < 5; i++) expect((await launch(`${BAD_TOKEN}${i}`)).status).toBe(401);
    expect((await launch(BAD_TOKEN)).status).toBe(429);
    expect((await launch(app.sessions.issueLaunchToken())).status).toBe(201);
    // Bad launch tokens say nothing about bearer tokens: the first bad one is a plain 401.
    expect((await withBearer(BAD_TOKEN)).status).toBe(401);
  });

  it('logs one line per burst, naming the kind of credential and never what was presented', async () => {
    for (let i = 0; i < 12; i++) await withBearer(`${BAD_TOKEN}${i}`);
    const burstLines = logLines.filter((line) => line.includes('lock-out'));
    expect(burstLines).toHaveLength(1);
    expect(burstLines[0]).toContain('"credential":"session"');
    expect(burstLines[0]).not.toContain(BAD_TOKEN);
    expect(logLines.join('\n')).not.toContain(app.sessionToken);
  });
});
