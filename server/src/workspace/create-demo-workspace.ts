import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createActionLog } from '../action-log/action-log.ts';
import { readActionLog, verifyActionLog } from '../action-log/index.ts';
import { createAuditService } from '../audit/audit-service.ts';
import { KUCOIN_DEMO_KEY_PASSPHRASE } from '../simulator/kucoin/kucoin-demo-seed.ts';
import { createDemoConnections } from './demo-connections.ts';
import type { HttpTransport } from '../exchanges/http-transport.ts';
import { createMemoryPolicyStore, evaluateFindings } from '../findings/index.ts';
import type { RunningSimulator } from '../simulator/create-simulator.ts';
import { NoVaultError } from '../vault/vault-errors.ts';
import { createAdapterPool } from './adapter-pool.ts';
import { DemoModeError } from './workspace-errors.ts';
import type { Connections, VaultSession, WorkspaceServices } from './workspace-services.ts';
import type { AuditRun } from '@contract/audit-run.ts';
import { createMemoryHistory } from '../history/memory-history.ts';
import { recordFinishedRun } from '../history/record-finished-run.ts';
import { seedDemoHistory } from '../history/seed-demo-history.ts';
import { silentLogger } from '../logging/logger.ts';
import { createMemoryKeyAnnotations } from '../key-annotations/key-annotations-service.ts';
import { demoKeyAnnotations } from '../key-annotations/demo-key-annotations.ts';

/** The largest first run the demo invents a past for. */
const MAX_SEEDED_KEYS = 2_000;

/** No vault at all: nothing to unlock or lock, and no passphrase to ask for again. */
const noVault: VaultSession = {
  state: () => 'none',
  unlock: async () => {
    throw new NoVaultError();
  },
  lock: async () => {},
  requireRecentPassphrase: () => {},
};

const refuse = async (): Promise<never> => {
  throw new DemoModeError();
};
/** The demo's connections are the simulators': none of them is the user's to manage. */
const demoConnections: Connections = { list: refuse, test: refuse, add: refuse, rename: refuse, remove: refuse };

/**
 * Demo mode: the built-in simulators with their seeded accounts. Touches nothing in the data
 * directory; its action log lives in a private temporary folder removed on dispose().
 */
export function createDemoWorkspace({ simulator, transport, now }: { simulator: RunningSimulator; transport: HttpTransport; now: () => number }) {
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'keyaudit-demo-'));
  const logPath = path.join(logDir, 'actions.log');
  const actions = createActionLog(logPath);
  const adapters = createAdapterPool({ transport, now });
  const policy = createMemoryPolicyStore();
  const connections = createDemoConnections(simulator.baseUrls);
  const history = createMemoryHistory();
  const annotations = createMemoryKeyAnnotations(now);
  let annotationsSeeded = false;
  const audit = createAuditService({
    listConnections: async () => connections,
    adapterFor: adapters.adapterFor,
    evaluateFindings: async (keys) => evaluateFindings(keys, { now: now(), policy: await policy.load() }),
    actions,
    now,
    // After the run's last events are out (setImmediate): a large demo's run takes a moment to record.
    onRunFinished: (run) => {
      // The demo's owners and tags, once its keys are known, before the page hears the run finished (a seed never replaces an edit).
      if (!annotationsSeeded) {
        annotationsSeeded = true;
        annotations.seed(demoKeyAnnotations(run.keys, new Date(now()).toISOString()));
      }
      setImmediate(() => recordDemoRun(run));
    },
    onConnectionReread: (run) => void recordFinishedRun(history, run, 'dashboard', silentLogger),
  });

  const recordDemoRun = (run: AuditRun) => {
    // The first audit gets an invented past (seed-demo-history.ts), so the Changes view has something to show;
    // not the benches' large demos, whose first run must not wait on a dozen invented ones.
    try {
      if (run.keys.length <= MAX_SEEDED_KEYS && history.status().state === 'available' && history.store().listRuns().length === 0) {
        seedDemoHistory(history.store(), run, (keys, nowMs) => evaluateFindings(keys, { now: nowMs }));
      }
    } catch {
      // A demo without its past still records its runs.
    }
    recordFinishedRun(history, run, 'dashboard', silentLogger);
  };

  const demoOnly = async (): Promise<never> => {
    throw new DemoModeError();
  };
  // The demo has no vault to keep a channel's URL or token in.
  const demoAlertChannels = { list: async () => [], add: demoOnly, remove: demoOnly, test: demoOnly, deliverRun: async () => ({ deliveries: [], changesConsidered: 0 }) };

  const services: WorkspaceServices = {
    mode: 'demo',
    demoKeyPassphrase: KUCOIN_DEMO_KEY_PASSPHRASE,
    vault: noVault,
    connections: demoConnections,
    audits: { current: () => audit },
    policy,
    history,
    alerts: demoAlertChannels,
    annotations,
    actionLog: {
      append: (entry) => actions.append(entry),
      async read() {
        const verdict = await verifyActionLog(logPath);
        return { entries: await readActionLog(logPath), verified: verdict.ok, head: verdict.ok ? verdict.head : null, authenticated: false };
      },
    },
  };
  return {
    services,
    dispose: () => {
      history.close();
      rmSync(logDir, { recursive: true, force: true });
    },
  };
}
