/**
 * The demo's services over HTTP: the same routes as live, with the demo/live difference in how
 * the services are built. There is no vault to unlock and no connection of the user's to manage,
 * and each refusal is a 409 with its own code, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTransport } from '../src/exchanges/http-transport.ts';
import { startSimulator, type RunningSimulator } from '../src/simulator/create-simulator.ts';
import { createDemoWorkspace } from '../src/workspace/create-demo-workspace.ts';
import { startApp, type RunningApp } from './test-support/start-app.ts';

let simulator: RunningSimulator;
let app: RunningApp;
let dispose: () => void;
beforeAll(async () => {
  simulator = await startSimulator({ rateLimits: 'relaxed' });
  const demo = createDemoWorkspace({ simulator, transport: fetchTransport, now: Date.now });
  dispose = demo.dispose;
  app = await startApp(demo.services);
});
afterAll(async () => {
  await app.close();
  await simulator.close();
  dispose();
});

const connection = { exchange: 'kucoin', label: 'Mine', apiKey: 'KEY0000111122223333', secret: 'a-secret', passphrase: 'a-pass' };

describe('the demo workspace', () => {
  it('reports demo mode with no vault, and the demo key passphrase', async () => {
    expect(await (await app.api('/api/status')).json()).toMatchObject({ mode: 'demo', vault: 'none', demoKeyPassphrase: expect.any(String) });
  });

  it('answers an unlock with 409 no-vault', async () => {
    const response = await app.api('/api/vault/unlock', { method: 'POST', json: { passphrase: 'anything at all' } });
    expect(response.status).toBe(409);
    expect((await response.json()).error).toBe('no-vault');
  });

  it.each([
    ['GET', '/api/connections', undefined],
    ['POST', '/api/connections/test', connection],
    ['POST', '/api/connections', connection],
    ['PATCH', '/api/connections/c_0123abcd', { label: 'Renamed' }],
    ['DELETE', '/api/connections/c_0123abcd', undefined],
  ])('answers %s %s with 409 demo-mode', async (method, pathname, json) => {
    const response = await app.api(pathname, { method, json });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: 'demo-mode', message: 'Demo mode has no connections to manage. Create a vault to add your own.' });
  });

  it('audits the simulators, and locking is a no-op that leaves the audit available', async () => {
    expect((await app.api('/api/vault/lock', { method: 'POST', json: {} })).status).toBe(200);
    const run = await (await app.api('/api/audit')).json();
    expect(run.connections.map((entry: { connectionId: string }) => entry.connectionId)).toContain('demo-kucoin');
    const log = await (await app.api('/api/action-log')).json();
    expect(log).toEqual({ entries: [], verified: true, head: null, authenticated: false });
  });
});
