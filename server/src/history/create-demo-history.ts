import type { AuditRun } from '@contract/audit-run.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import { evaluateFindings } from '../findings/index.ts';
import type { HistoryAccess, HistoryStore } from './history-store.ts';
import { createMemoryHistoryStore, historyAccessOf } from './memory-history-store.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The whitelist the demo's key had before it was removed: a public cloud-style address like the simulators' own (a documentation address would be flagged as non-public). */
const FORMER_WHITELIST = ['52.74.223.119'];

/**
 * The demo's history: in memory, and on the first recorded run given a plausible past derived from it,
 * so the Changes view and the key timelines show something on first start: three weeks ago and two weeks
 * ago the same state; a week ago a key gained withdraw and a retired key disappeared; now a whitelist is
 * gone and a new key appeared. Stands in until the demo seed of the SQLite history replaces it.
 */
export function createDemoHistory(): HistoryAccess {
  const store = createMemoryHistoryStore();
  const seeding: HistoryStore = {
    ...store,
    recordRun(run, source) {
      if (source !== 'demo-seed' && store.listRuns().length === 0) for (const past of inventPast(run)) store.recordRun(past, 'demo-seed');
      return store.recordRun(run, source);
    },
  };
  return historyAccessOf(seeding);
}

const hasCapability = (key: AuditedKey, capability: string) => key.capabilities.some((granted) => granted.capability === capability);
const movesFunds = (key: AuditedKey) => hasCapability(key, 'withdraw') || hasCapability(key, 'transfer-external');

/** The runs before `run`, oldest first; none when the run has too few keys to tell a story with. */
export function inventPast(run: AuditRun): AuditRun[] {
  const candidates = run.keys.filter((key) => !key.isCallingKey && key.account.kind === 'sub');
  const gainedWithdraw = candidates.find((key) => hasCapability(key, 'withdraw') && key.ipWhitelist !== null);
  const lostWhitelist = candidates.find((key) => key !== gainedWithdraw && key.ipWhitelist === null && movesFunds(key));
  const appeared = candidates.find((key) => key !== gainedWithdraw && key !== lostWhitelist && key.capabilities.length > 1);
  const retiredFrom = candidates.find((key) => ![gainedWithdraw, lostWhitelist, appeared].includes(key));
  if (!gainedWithdraw || !lostWhitelist || !appeared || !retiredFrom) return [];

  const withoutWithdraw = (key: AuditedKey): AuditedKey => {
    const words = new Set(key.capabilities.filter((granted) => granted.capability === 'withdraw').map((granted) => granted.from));
    return { ...key, permissions: key.permissions.filter((word) => !words.has(word)), capabilities: key.capabilities.filter((granted) => !words.has(granted.from)) };
  };
  const retired: AuditedKey = {
    ...retiredFrom,
    id: `${retiredFrom.id.slice(0, 14)}retired1`,
    apiKey: `${retiredFrom.apiKey.slice(0, -6)}0ld0ne`,
    label: 'old-tax-export',
    permissions: retiredFrom.permissions.slice(0, 1),
    capabilities: retiredFrom.capabilities.slice(0, 1),
    lastUsedAt: null,
  };
  const finishedAt = Date.parse(run.finishedAt);
  const at = (daysAgo: number, keys: AuditedKey[]): AuditRun => {
    const time = finishedAt - daysAgo * DAY_MS;
    return {
      ...run,
      startedAt: new Date(time - (Date.parse(run.finishedAt) - Date.parse(run.startedAt))).toISOString(),
      finishedAt: new Date(time).toISOString(),
      keys,
      findings: evaluateFindings(keys, { now: time }),
    };
  };
  const weekAgo = run.keys
    .filter((key) => key !== appeared)
    .map((key) => (key === lostWhitelist ? { ...key, ipWhitelist: FORMER_WHITELIST } : key));
  const earlier = [...weekAgo.map((key) => (key === gainedWithdraw ? withoutWithdraw(key) : key)), retired];
  return [at(21, earlier), at(14, earlier), at(7, weekAgo)];
}
