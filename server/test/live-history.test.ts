/**
 * The history of the vault-backed server: history.sqlite beside the vault, readable while the vault is unlocked,
 * every finished audit recorded, and a damaged database never in the way of an audit.
 */
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRun } from '@contract/audit-run.ts';
import { VaultLockedError } from '../src/vault/vault-errors.ts';
import { HistoryUnavailableError } from '../src/history/history-errors.ts';
import { demoMasterConnection, startLiveHarness, type LiveHarness } from './test-support/live-harness.ts';

let harness: LiveHarness;
beforeEach(async () => (harness = await startLiveHarness()));
afterEach(() => harness.close());

const historyFile = () => path.join(harness.dataDir, 'history.sqlite');
const unlock = () => harness.app.api('/api/vault/unlock', { method: 'POST', json: { passphrase: harness.vaultPassphrase } });
const audit = async () => {
  const response = await harness.app.api('/api/audit');
  expect(response.status).toBe(200);
  return (await response.json()) as AuditRun;
};

describe('the live history', () => {
  it('is locked with the vault, opens with it (file 0600), records every audit as the dashboard ran it, and closes on lock', async () => {
    const { history } = harness.workspace;
    expect(history.status()).toEqual({ state: 'locked' });
    expect(() => history.store()).toThrow(VaultLockedError);

    expect((await unlock()).status).toBe(200);
    expect(history.status()).toEqual({ state: 'available', storage: 'file', runs: 0 });
    expect(statSync(historyFile()).mode & 0o777).toBe(0o600);
    expect(statSync(`${historyFile()}-wal`).mode & 0o777).toBe(0o600);

    expect((await harness.app.api('/api/connections', { method: 'POST', json: demoMasterConnection(harness.simulator) })).status).toBe(201);
    const run = await audit();
    const [summary] = history.store().listRuns();
    expect(summary).toMatchObject({ source: 'dashboard', keys: run.keys.length, startedAt: run.startedAt, finishedAt: run.finishedAt });
    expect(history.store().loadRun(summary.runId)!.run).toEqual(run);

    expect((await harness.app.api('/api/vault/lock', { method: 'POST', json: {} })).status).toBe(200);
    expect(history.status()).toEqual({ state: 'locked' });
    expect((await unlock()).status).toBe(200);
    expect(history.status()).toEqual({ state: 'available', storage: 'file', runs: 1 });
    expect(harness.logLines.join('\n')).not.toContain(run.keys[0].apiKey);
  });

  it('says why a damaged database is unavailable, and audits (and records nothing) regardless', async () => {
    writeFileSync(historyFile(), Buffer.alloc(4096, 0x5a), { mode: 0o600 });
    expect((await unlock()).status).toBe(200);
    const status = harness.workspace.history.status();
    expect(status).toEqual({ state: 'unavailable', reason: 'history.sqlite cannot be read (SQLITE_NOTADB); move it aside to start a new history.' });
    expect(() => harness.workspace.history.store()).toThrow(HistoryUnavailableError);

    expect((await harness.app.api('/api/connections', { method: 'POST', json: demoMasterConnection(harness.simulator) })).status).toBe(201);
    const run = await audit();
    expect(run.keys.length).toBeGreaterThan(1);
    expect(run.connections.map((connection) => connection.status)).toEqual(['ok']);
    expect(harness.logLines.some((line) => line.includes('history: unavailable'))).toBe(true);
  });

  it('refuses a history.sqlite other users can read', async () => {
    writeFileSync(historyFile(), '', { mode: 0o644 });
    expect((await unlock()).status).toBe(200);
    expect(harness.workspace.history.status()).toEqual({ state: 'unavailable', reason: 'history.sqlite can be read by other users; keyaudit refuses to use it (chmod 600 it).' });
    expect((await audit()).schemaVersion).toBe(1);
  });
});
