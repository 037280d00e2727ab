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
import { createDemoHistory } from '../history/create-demo-history.ts';

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
  const audit = createAuditService({
    listConnections: async () => connections,
    adapterFor: adapters.adapterFor,
    evaluateFindings: async (keys) => evaluateFindings(keys, { now: now(), policy: await policy.load() }),
    actions,
    now,
  });

  const services: WorkspaceServices = {
    mode: 'demo',
    demoKeyPassphrase: KUCOIN_DEMO_KEY_PASSPHRASE,
    vault: noVault,
    connections: demoConnections,
    audits: { current: () => audit },
    policy,
    // In memory, with an invented past from the first recorded run (the SQLite history's demo seed replaces it).
    history: createDemoHistory(),
    actionLog: {
      append: (entry) => actions.append(entry),
      read: async () => ({ entries: await readActionLog(logPath), verified: (await verifyActionLog(logPath)).ok }),
    },
  };
  return { services, dispose: () => rmSync(logDir, { recursive: true, force: true }) };
}
