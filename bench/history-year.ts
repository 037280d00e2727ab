import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditRun, ConnectionResult } from '../server/src/contract/audit-run.ts';
import type { AuditedKey } from '../server/src/contract/audited-key.ts';
import type { Finding } from '../server/src/contract/finding.ts';
import { evaluateFindings } from '../server/src/findings/evaluate-findings.ts';
import { changesBetween } from '../server/src/history/changes-between.ts';
import { openSqliteHistory } from '../server/src/history/sqlite-history-store.ts';

const DAY_MS = 86_400_000;
const PERMISSION_SETS: [string[], AuditedKey['capabilities']][] = [
  [['General'], [{ capability: 'read', from: 'General', isUncertain: false }]],
  [['General', 'Spot'], [{ capability: 'read', from: 'General', isUncertain: false }, { capability: 'trade-spot', from: 'Spot', isUncertain: false }]],
  [['General', 'Spot', 'Futures'], [{ capability: 'read', from: 'General', isUncertain: false }, { capability: 'trade-spot', from: 'Spot', isUncertain: false }, { capability: 'trade-futures', from: 'Futures', isUncertain: false }]],
  [['General', 'Withdraw'], [{ capability: 'read', from: 'General', isUncertain: false }, { capability: 'withdraw', from: 'Withdraw', isUncertain: false }]],
];

type Options = { keys: number; days: number; auditsPerDay: number; keysPerSub: number; addedPerDay: number; removedPerDay: number; changedPerDay: number; pairs: number };

/**
 * A year of history through the store's own API, in one process: `keys` keys on one KuCoin-like master with
 * sub-accounts of `keysPerSub`, audited `auditsPerDay` times a day; each day a few keys are created, deleted and
 * changed (permissions, whitelist, label). Reports the file size, the time to record a run, the time to compute the
 * changes between two runs from a freshly opened store (the newest and a random earlier one: read, decrypt, diff), and
 * beside it the time to load both runs whole (what the dashboard's "last recorded run" costs).
 */
export async function measureHistoryYear(options: Options) {
  const dir = mkdtempSync(join(tmpdir(), 'keyaudit-bench-history-'));
  const location = join(dir, 'history.sqlite');
  const historyKey = randomBytes(32);
  const startMs = Date.parse('2026-01-01T00:00:00.000Z');
  let serial = 0;
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const newKey = (createdMs: number): AuditedKey => {
    const n = serial++;
    const [permissions, capabilities] = PERMISSION_SETS[n % PERMISSION_SETS.length];
    const apiKey = `${(0x6705f5c3 + n).toString(16)}${'0'.repeat(8)}${n.toString(16).padStart(8, '0')}`;
    return {
      id: `k${n.toString(36).padStart(8, '0')}bench-key-id`,
      connectionId: 'c_0b5e7c3a',
      exchange: 'kucoin',
      account: { kind: 'sub', name: `desk-${Math.floor(n / options.keysPerSub) % Math.ceil(options.keys / options.keysPerSub)}` },
      apiKey,
      label: `bot-${n}`,
      permissions,
      capabilities,
      ipWhitelist: n % 3 === 0 ? null : [`198.51.100.${(n % 250) + 1}`, `203.0.113.${(n % 200) + 1}`],
      createdAt: new Date(createdMs).toISOString(),
      expiresAt: null,
      lastUsedAt: null,
      isCallingKey: false,
      revocability: { canRevoke: true, how: 'api-needs-key-passphrase', reason: 'KuCoin deletes a sub-account key over its API with the key’s passphrase.', manageUrl: 'https://exchange.example/account/api' },
    };
  };
  const keys: AuditedKey[] = Array.from({ length: options.keys }, () => newKey(startMs - 200 * DAY_MS));
  // Findings are evaluated once per key state (as the audit would, up to the age rules moving on a day later).
  const findingsOf = new Map<AuditedKey, Finding[]>();
  const findingsFor = (key: AuditedKey, nowMs: number) => {
    let found = findingsOf.get(key);
    if (!found) findingsOf.set(key, (found = evaluateFindings([key], { now: nowMs })));
    return found;
  };

  const store = openSqliteHistory({ location, historyKey });
  const recordMs: number[] = [];
  const runIds: number[] = [];
  for (let day = 0; day < options.days; day++) {
    const dayMs = startMs + day * DAY_MS;
    for (let i = 0; i < options.removedPerDay; i++) keys.splice(Math.floor(random() * keys.length), 1);
    for (let i = 0; i < options.changedPerDay; i++) {
      const index = Math.floor(random() * keys.length);
      const key = keys[index];
      const [permissions, capabilities] = PERMISSION_SETS[Math.floor(random() * PERMISSION_SETS.length)];
      keys[index] = [{ ...key, permissions, capabilities }, { ...key, ipWhitelist: key.ipWhitelist === null ? ['192.0.2.10'] : null }, { ...key, label: `${key.label}-renamed` }][i % 3];
    }
    for (let i = 0; i < options.addedPerDay; i++) keys.push(newKey(dayMs));
    for (let audit = 0; audit < options.auditsPerDay; audit++) {
      const atMs = dayMs + audit * (DAY_MS / options.auditsPerDay);
      const run = toRun(keys, atMs, findingsFor);
      const started = performance.now();
      runIds.push(store.recordRun(run, 'watch').runId);
      recordMs.push(performance.now() - started);
    }
  }
  store.close();
  const bytes = ['', '-wal', '-shm'].map((suffix) => location + suffix).filter(existsSync).reduce((sum, file) => sum + statSync(file).size, 0);

  // Two runs from a freshly opened store, so nothing is cached: the newest and a random earlier one, `pairs` times.
  const openMs: number[] = [];
  const pairMs: number[] = [];
  const wholeMs: number[] = [];
  let keysLoaded = 0;
  let changesFound = 0;
  for (let pair = 0; pair < options.pairs; pair++) {
    const started = performance.now();
    const fresh = openSqliteHistory({ location, historyKey });
    const opened = performance.now();
    const older = runIds[Math.floor(random() * (runIds.length - 1))];
    const report = changesBetween(fresh, { from: older, to: runIds.at(-1)! })!;
    pairMs.push(performance.now() - opened);
    openMs.push(opened - started);
    changesFound = report.changes.length;
    const whole = performance.now();
    const [a, b] = [fresh.loadRun(older)!, fresh.loadRun(runIds.at(-1)!)!];
    wholeMs.push(performance.now() - whole);
    keysLoaded = a.run.keys.length + b.run.keys.length;
    fresh.close();
  }
  rmSync(dir, { recursive: true, force: true });
  return {
    runs: runIds.length,
    finalKeys: keys.length,
    keysCreated: serial,
    bytes,
    recordMedianMs: median(recordMs),
    recordP95Ms: percentile(recordMs, 0.95),
    openMedianMs: median(openMs),
    pairMedianMs: median(pairMs),
    pairMaxMs: Math.max(...pairMs),
    changesFound,
    wholePairMedianMs: median(wholeMs),
    keysLoaded,
  };
}

function toRun(keys: AuditedKey[], atMs: number, findingsFor: (key: AuditedKey, nowMs: number) => Finding[]): AuditRun {
  const accounts = new Map<string, number>();
  for (const key of keys) accounts.set(key.account.name, (accounts.get(key.account.name) ?? 0) + 1);
  const connection: ConnectionResult = {
    connectionId: 'c_0b5e7c3a',
    exchange: 'kucoin',
    label: 'KuCoin main',
    status: 'ok',
    error: null,
    accounts: [...accounts].map(([name, keyCount]) => ({ account: { kind: 'sub' as const, name }, status: 'ok' as const, error: null, keyCount })),
  };
  return {
    schemaVersion: 1,
    startedAt: new Date(atMs).toISOString(),
    finishedAt: new Date(atMs + 40_000).toISOString(),
    connections: [connection],
    keys,
    findings: keys.flatMap((key) => findingsFor(key, atMs)),
  };
}

const median = (values: number[]) => percentile(values, 0.5);
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
