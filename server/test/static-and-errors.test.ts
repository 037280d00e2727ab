/**
 * Static files come only from the build folder (docs/security-model.md#static-files), and an unexpected
 * failure answers with the fixed error shape, never a stack, a path or the error's own message (#error-bodies).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceServices } from '../src/workspace/workspace-services.ts';
import { createFakeWorkspace } from './test-support/fake-workspace.ts';
import { rawRequest, startApp, type RunningApp } from './test-support/start-app.ts';

let app: RunningApp;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'keyaudit-static-'));
  const dist = path.join(root, 'dist');
  writeFileSync(path.join(root, 'vault.kav'), 'SECRET-VAULT-BYTES');
  writeFileSync(path.join(root, '.env'), 'SECRET=1');
  mkdirSync(dist);
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>keyaudit</title>');
  writeFileSync(path.join(dist, '.env'), 'SECRET=2');
  const { workspace } = createFakeWorkspace();
  const failing: WorkspaceServices = {
    ...workspace,
    audits: { current: () => ({ ...workspace.audits.current(), audit: async () => { throw new Error(`boom at ${root}/secret.ts:12 KA_CANARY`); } }) },
  };
  app = await startApp(failing, { staticDir: dist });
});
afterAll(async () => {
  await app.close();
  rmSync(root, { recursive: true, force: true });
});

describe('static files', () => {
  it('serves the app for extension-less paths', async () => {
    for (const pathname of ['/', '/some/client/route']) {
      const response = await app.api(pathname);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>keyaudit</title>');
    }
  });

  it.each(['/../vault.kav', '/%2e%2e/vault.kav', '/..%2fvault.kav', '/%2e%2e%2fvault.kav', '/.env', '/index.html.map', '/assets/..%5c..%5cvault.kav'])('answers 404 for %s', async (target) => {
    const response = await rawRequest(app.port, { path: target, headers: { host: `127.0.0.1:${app.port}` } });
    expect([400, 404]).toContain(response.status);
    expect(response.body).not.toContain('SECRET');
  });
});

describe('unexpected errors', () => {
  it('answer 500 with the fixed shape and nothing of the error itself', async () => {
    const response = await app.api('/api/audit');
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(['error', 'message', 'requestId']);
    expect(body.error).toBe('internal');
    expect(JSON.stringify(body)).not.toMatch(/boom|secret\.ts|KA_CANARY|keyaudit-static/);
  });
});
