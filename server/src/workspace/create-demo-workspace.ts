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
import { createAdapterPool } from './adapter-pool.ts';
import type { Workspace } from './workspace.ts';

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

  const workspace: Workspace = {
    mode: 'demo',
    demoKeyPassphrase: KUCOIN_DEMO_KEY_PASSPHRASE,
    vaultState: () => 'none',
    unlock: async () => {},
    lock: async () => {},
    msSincePassphrase: () => 0,
    audit: () => audit,
    connections: () => null,
    actions,
    policy,
    readActionLog: async () => ({ entries: await readActionLog(logPath), verified: (await verifyActionLog(logPath)).ok }),
    adapterForUnsaved: adapters.adapterForUnsaved,
  };
  return { workspace, dispose: () => rmSync(logDir, { recursive: true, force: true }) };
}
