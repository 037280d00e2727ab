import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditRunSchema } from '@contract/audit-run.ts';
import { recordedRunSchema, runSummarySchema } from '@contract/history.ts';
import { grant } from '../findings/make-test-key.ts';
import { HistoryUnavailableError } from './history-errors.ts';
import { MIGRATIONS, SCHEMA_VERSION } from './history-migrations.ts';
import type { HistoryStore } from './history-store.ts';
import { makeRun, runKey, testHistoryKey } from './history-test-support.ts';
import { openSqliteHistory } from './sqlite-history-store.ts';
import { computeChanges } from './compute-changes.ts';

const open: HistoryStore[] = [];
const memory = (historyKey = testHistoryKey()) => {
  const store = openSqliteHistory({ location: ':memory:', historyKey });
  open.push(store);
  return store;
};
const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyaudit-history-'));
  dirs.push(dir);
  return join(dir, 'history.sqlite');
};
afterEach(() => {
  open.splice(0).forEach((store) => store.close());
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

const versionCount = (location: string) => {
  const db = new Database(location, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM key_versions').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('SQLite history store', () => {
  it('gives back exactly the run it recorded, fields it does not know included', () => {
    const store = memory();
    const keys = [
      runKey(1, { capabilities: [grant('read', 'General'), grant('withdraw', 'Withdraw')], permissions: ['General', 'Withdraw'], ipWhitelist: null }),
      runKey(2, { observedAt: '2026-05-31T23:00:00.000Z', isThirdPartyBound: true }),
      runKey(3, { ipWhitelist: 'unknown', lastUsedAt: '2026-05-30T00:00:00.000Z' }),
      runKey(4, { account: { kind: 'master', name: 'master' }, isCallingKey: true }),
    ];
    const run = makeRun(keys, { failedConnections: ['c_00000009'] });
    run.findings[run.findings.length - 1] = { ...run.findings[run.findings.length - 1], acceptance: { reason: 'known bot', expiresAt: '2026-09-01T00:00:00.000Z' } };
    // A field from a newer keyaudit, on a key, a finding, a connection and the run: none may be lost.
    const future = { ...run, futureRunField: 1, keys: run.keys.map((key, i) => (i === 0 ? { ...key, futureKeyField: { nested: ['x'] } } : key)) } as typeof run;
    future.findings[0] = { ...future.findings[0], futureFindingField: true } as (typeof run.findings)[number];
    future.connections[0] = { ...future.connections[0], futureConnectionField: 'y' } as (typeof run.connections)[number];
    expect(run.findings.length).toBeGreaterThan(2);

    const summary = store.recordRun(future, 'dashboard');
    runSummarySchema.parse(summary);
    const loaded = store.loadRun(summary.runId)!;
    expect(loaded.run).toEqual(future);
    expect(auditRunSchema.parse(loaded.run)).toEqual(auditRunSchema.parse(run));
    recordedRunSchema.parse(loaded);
    expect(loaded.summary).toEqual(summary);
    expect(summary.connections).toEqual({ ok: 1, partial: 0, failed: 1 });
    expect(summary.keys).toBe(4);
    const open = run.findings.filter((finding) => !finding.acceptance);
    expect(Object.values(summary.findings).reduce((a, b) => a + b, 0)).toBe(open.length);
    expect(store.latestRun()).toEqual(loaded);
    expect(store.loadRun(summary.runId + 1)).toBeNull();
  });

  it('lists runs newest first', () => {
    const store = memory();
    const first = store.recordRun(makeRun([runKey(1)], { at: '2026-06-01T00:00:00.000Z' }), 'cli');
    const second = store.recordRun(makeRun([runKey(1), runKey(2)], { at: '2026-06-02T00:00:00.000Z' }), 'dashboard');
    expect(store.listRuns().map((run) => [run.runId, run.source, run.keys])).toEqual([[second.runId, 'dashboard', 2], [first.runId, 'cli', 1]]);
  });

  it('writes key versions, not copies: an identical run writes none, a change writes one, a disappearance a tombstone', () => {
    const location = tempFile();
    const store = openSqliteHistory({ location, historyKey: testHistoryKey() });
    open.push(store);
    const keys = [runKey(1), runKey(2), runKey(3)];
    store.recordRun(makeRun(keys), 'dashboard');
    expect(versionCount(location)).toBe(3);
    store.recordRun(makeRun(keys, { at: '2026-06-01T06:00:00.000Z' }), 'dashboard');
    expect(versionCount(location)).toBe(3);

    const changed = [runKey(1, { ipWhitelist: null }), runKey(2)];
    const third = store.recordRun(makeRun(changed, { at: '2026-06-01T12:00:00.000Z' }), 'dashboard');
    expect(versionCount(location)).toBe(5); // key 1's new state, key 3's tombstone
    expect(store.loadRun(third.runId)!.run.keys).toEqual(changed);

    const states = store.keyStates('key-1');
    expect(states.map((state) => [state.runId, state.key?.ipWhitelist])).toEqual([[1, ['8.8.8.8']], [3, null]]);
    expect(states[1].at).toBe('2026-06-01T12:00:02.000Z');
    expect(store.keyStates('key-3').map((state) => state.key === null)).toEqual([false, true]);
    expect(store.keyStates('never-seen')).toEqual([]);
    // Every earlier run still reads back as it was.
    expect(store.loadRun(1)!.run.keys).toEqual(keys);
  });

  it('does not write a tombstone for the keys of a connection that failed, and knows them again when it recovers', () => {
    const store = memory();
    const other = runKey(5, { connectionId: 'c_00000002' });
    store.recordRun(makeRun([runKey(1), other]), 'dashboard');
    store.recordRun(makeRun([runKey(1), other], { failedConnections: ['c_00000002'] }), 'dashboard');
    const back = store.recordRun(makeRun([runKey(1), other]), 'dashboard');
    expect(store.keyStates('key-5').map((state) => state.runId)).toEqual([1]);
    expect(store.loadRun(2)!.run.keys.map((key) => key.id)).toEqual(['key-1']);
    expect(store.loadRun(back.runId)!.run.keys.map((key) => key.id)).toEqual(['key-1', 'key-5']);
  });

  it('prunes old runs and the versions only they held, and always keeps the newest run', () => {
    const store = memory();
    store.recordRun(makeRun([runKey(1), runKey(2)], { at: '2026-01-01T00:00:00.000Z' }), 'dashboard');
    store.recordRun(makeRun([runKey(1, { label: 'renamed' })], { at: '2026-03-01T00:00:00.000Z' }), 'dashboard');
    const last = store.recordRun(makeRun([runKey(1, { label: 'renamed' }), runKey(3)], { at: '2026-05-01T00:00:00.000Z' }), 'dashboard');
    expect(store.prune(new Date('2026-02-01T00:00:00.000Z'))).toEqual({ runsRemoved: 1 });
    expect(store.listRuns().map((run) => run.runId)).toEqual([last.runId, 2]);
    // Its first state went with the pruned run; its disappearance, recorded by a kept run, stays.
    expect(store.keyStates('key-2').map((state) => [state.runId, state.key])).toEqual([[2, null]]);
    expect(store.keyStates('key-1').map((state) => state.key?.label)).toEqual(['renamed']);
    expect(store.loadRun(2)!.run.keys.map((key) => key.label)).toEqual(['renamed']);
    expect(store.prune(new Date('2027-01-01T00:00:00.000Z'))).toEqual({ runsRemoved: 1 });
    expect(store.listRuns().map((run) => run.runId)).toEqual([last.runId]);
    expect(store.keyStates('key-2')).toEqual([]);
    expect(store.loadRun(last.runId)!.run.keys.map((key) => key.id)).toEqual(['key-1', 'key-3']);
  });

  it('refuses to read a database written under another history key', () => {
    const location = tempFile();
    openSqliteHistory({ location, historyKey: testHistoryKey() }).close();
    expect(() => openSqliteHistory({ location, historyKey: testHistoryKey() })).toThrow(/another vault’s history key/);
  });

  it('reports a file that is not a database as unavailable, with the reason', async () => {
    const location = tempFile();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(location, Buffer.alloc(8192, 7));
    expect(() => openSqliteHistory({ location, historyKey: testHistoryKey() })).toThrow(HistoryUnavailableError);
    expect(() => openSqliteHistory({ location, historyKey: testHistoryKey() })).toThrow(/cannot be read \(SQLITE_NOTADB\)/);
  });
});

describe('history migrations', () => {
  it('migrates a version 1 database, keeping its runs', () => {
    const location = tempFile();
    const historyKey = testHistoryKey();
    // A database as the first release wrote it, by hand: schema 1 only, and one run recorded through it.
    const v1 = new Database(location);
    v1.exec(MIGRATIONS[0]);
    v1.pragma('user_version = 1');
    v1.close();
    expect(SCHEMA_VERSION).toBeGreaterThan(1);
    const store = openSqliteHistory({ location, historyKey });
    const recorded = store.recordRun(makeRun([runKey(1)]), 'cli');
    store.close();

    const db = new Database(location, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'key_versions_by_run'").get()).toBeDefined();
    db.close();
    const reopened = openSqliteHistory({ location, historyKey });
    open.push(reopened);
    expect(reopened.loadRun(recorded.runId)!.run.keys.map((key) => key.id)).toEqual(['key-1']);
  });

  it('refuses a database from a newer keyaudit, and leaves it untouched', () => {
    const location = tempFile();
    const newer = new Database(location);
    newer.exec('CREATE TABLE from_the_future (x)');
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    expect(() => openSqliteHistory({ location, historyKey: testHistoryKey() })).toThrow(
      new HistoryUnavailableError(`history.sqlite was written by a newer keyaudit (schema version ${SCHEMA_VERSION + 1}; this one reads up to ${SCHEMA_VERSION}). Update keyaudit; the file was left untouched.`),
    );
    const db = new Database(location, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'runs'").get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('loadForChanges', () => {
  it('gives computeChanges exactly the changes the whole runs give, from the keys that differ only', () => {
    const store = memory();
    const base = Array.from({ length: 30 }, (_, n) => runKey(n));
    const first = store.recordRun(makeRun(base), 'cli');
    // Between the runs: a key gains withdraw from any IP, one loses its whitelist, one is gone, one is new, a new account appears.
    const changed = base
      .filter((key) => key.id !== 'key-7')
      .map((key) =>
        key.id === 'key-3' ? { ...key, capabilities: [...key.capabilities, grant('withdraw', 'Withdraw')], permissions: [...key.permissions, 'Withdraw'], ipWhitelist: null }
        : key.id === 'key-5' ? { ...key, ipWhitelist: null }
        : key);
    const second = store.recordRun(makeRun([...changed, runKey(40, { account: { kind: 'sub', name: 'brand-new' } })], { at: '2026-06-02T00:00:00.000Z' }), 'cli');

    const whole = computeChanges(store.loadRun(first.runId)!, store.loadRun(second.runId)!);
    const [from, to] = store.loadForChanges(first.runId, second.runId)!;
    expect(from.run.keys.map((key) => key.id).sort()).toEqual(['key-3', 'key-5', 'key-7']);
    expect(to.run.keys.map((key) => key.id).sort()).toEqual(['key-3', 'key-40', 'key-5']);
    expect(computeChanges(from, to)).toEqual(whole);
    expect(whole.changes.map((change) => change.kind)).toEqual(expect.arrayContaining(['key-added', 'key-removed', 'permissions-changed', 'ip-whitelist-changed', 'account-added']));
    expect(store.loadForChanges(first.runId, 999)).toBeNull();
  });
});
