import type { AuditRun } from '@contract/audit-run.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import { SEVERITIES, type Finding, type Severity } from '@contract/finding.ts';
import type { RecordedRun, RunSummary } from '@contract/history.ts';
import type { AlertDeliveryRecord, HistoryAccess, HistoryLedgers, HistoryStore, KeyState, KeyUse, RunSource } from './history-store.ts';

/** What a run's summary counts: connections by status, keys, open findings by severity. */
export function summarizeRecordedRun(runId: number, run: AuditRun, source: RunSource): RunSummary {
  const findings = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const finding of run.findings) if (finding.acceptance == null) findings[finding.severity] += 1;
  const count = (status: string) => run.connections.filter((connection) => connection.status === status).length;
  return {
    runId,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    source,
    connections: { ok: count('ok'), partial: count('partial'), failed: count('failed') },
    keys: run.keys.length,
    findings,
  };
}

/** What a key state is compared on: a new state is written only when one of these changed (lastUsedAt moves every day). */
const stateFingerprint = (key: AuditedKey | null, findings: readonly Finding[]) =>
  key === null
    ? 'gone'
    : JSON.stringify([key.permissions, key.capabilities.map((granted) => granted.capability), key.ipWhitelist, findings.map((finding) => [finding.ruleId, finding.acceptance ?? null])]);

/**
 * The history in memory: every run kept whole in an array. The test double of the SQLite store, and a
 * reference for the interface's meaning: keyStates() returns only the runs where a key first appeared,
 * changed or disappeared, as the SQLite store writes key versions.
 */
export function createMemoryHistoryStore(): HistoryStore & { readonly closed: boolean } {
  let runs: RecordedRun[] = [];
  let nextRunId = 1;
  let closed = false;
  const assertOpen = () => {
    if (closed) throw new Error('the history store is closed');
  };
  return {
    get closed() {
      return closed;
    },
    ...createMemoryLedgers(),
    recordRun(run, source, { watchEveryMs } = {}) {
      assertOpen();
      const summary = { ...summarizeRecordedRun(nextRunId++, run, source), ...(watchEveryMs === undefined ? {} : { watchEveryMs }) };
      runs.push(structuredClone({ summary, run }));
      return summary;
    },
    listRuns() {
      assertOpen();
      return runs.map((recorded) => recorded.summary).reverse();
    },
    loadRun(runId) {
      assertOpen();
      const found = runs.find((recorded) => recorded.summary.runId === runId);
      return found ? structuredClone(found) : null;
    },
    latestRun() {
      assertOpen();
      const last = runs.at(-1);
      return last ? structuredClone(last) : null;
    },
    loadForChanges(fromId, toId) {
      // The whole runs: a superset of what the SQLite store returns, and the same changes.
      const from = this.loadRun(fromId);
      const to = this.loadRun(toId);
      return from && to ? [from, to] : null;
    },
    keyStates(keyId) {
      assertOpen();
      const states: KeyState[] = [];
      let last: string | null = null;
      for (const { summary, run } of runs) {
        const key = run.keys.find((candidate) => candidate.id === keyId) ?? null;
        // Not seen because its connection failed is not gone.
        if (key === null && (last === null || !wasReadable(run, states.at(-1)?.key ?? null))) continue;
        const findings = key ? run.findings.filter((finding) => finding.keyId === keyId) : [];
        const fingerprint = stateFingerprint(key, findings);
        if (fingerprint === last) continue;
        last = fingerprint;
        states.push({ runId: summary.runId, at: summary.finishedAt, key: key && structuredClone(key), findings: structuredClone(findings) });
      }
      return states;
    },
    prune(olderThan) {
      assertOpen();
      const newest = runs.at(-1);
      const kept = runs.filter((recorded) => recorded === newest || new Date(recorded.summary.finishedAt) >= olderThan);
      const runsRemoved = runs.length - kept.length;
      runs = kept;
      return { runsRemoved };
    },
    close() {
      closed = true;
    },
  };
}

/** The ledgers in memory, plain (the SQLite store keeps fingerprints). */
function createMemoryLedgers(): HistoryLedgers {
  const sent = new Set<string>();
  const deliveries: AlertDeliveryRecord[] = [];
  const uses: KeyUse[] = [];
  return {
    claimAlertFacts(channelId, _at, _runId, select) {
      const selected = select((factId) => sent.has(`${channelId}\0${factId}`));
      for (const factId of selected.factIds) sent.add(`${channelId}\0${factId}`);
      return selected;
    },
    releaseAlertFacts(channelId, factIds) {
      for (const factId of factIds) sent.delete(`${channelId}\0${factId}`);
    },
    recordAlertDelivery: (delivery) => void deliveries.push(delivery),
    lastAlertDeliveries: () => [...new Map(deliveries.map((delivery) => [delivery.channelId, delivery])).values()],
    recordKeyUses: (batch) => void uses.push(...batch),
    lastKeyUse: (exchange, apiKey) =>
      uses.filter((use) => use.exchange === exchange && use.apiKey === apiKey && use.result === 'ok').reduce<string | null>((newest, use) => (newest === null || use.at > newest ? use.at : newest), null),
  };
}

/** Whether the run read the account the key was last seen on (so its absence means it is gone). */
function wasReadable(run: AuditRun, lastKey: AuditedKey | null): boolean {
  if (!lastKey) return false;
  const connection = run.connections.find((candidate) => candidate.connectionId === lastKey.connectionId);
  if (!connection || connection.status === 'failed') return false;
  const account = connection.accounts.find((candidate) => candidate.account.kind === lastKey.account.kind && candidate.account.name === lastKey.account.name);
  return account === undefined || account.status === 'ok';
}

/** A HistoryAccess over a store that is always available (memory: the demo and tests). */
export function historyAccessOf(store: HistoryStore, storage: 'memory' | 'file' = 'memory'): HistoryAccess {
  return {
    status: () => ({ state: 'available', storage, runs: store.listRuns().length }),
    store: () => store,
  };
}
