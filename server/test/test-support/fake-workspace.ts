import type { AuditRun } from '@contract/audit-run.ts';
import type { AuditService } from '../../src/audit/audit-service.ts';
import type { ActionEntry } from '../../src/audit/action-recorder.ts';
import { createMemoryPolicyStore } from '../../src/findings/policy-store.ts';
import type { WorkspaceServices } from '../../src/workspace/workspace-services.ts';
import { unavailableHistory } from '../../src/history/unavailable-history.ts';
import { createMemoryKeyAnnotations } from '../../src/key-annotations/key-annotations-service.ts';

/** A workspace with no exchanges behind it, for tests of the HTTP boundary alone. */
export function createFakeWorkspace() {
  const actions: ActionEntry[] = [];
  let auditCalls = 0;
  const emptyRun: AuditRun = {
    schemaVersion: 1,
    startedAt: new Date(0).toISOString(),
    finishedAt: new Date(0).toISOString(),
    connections: [],
    keys: [],
    findings: [],
  };
  const audit = {
    audit: async () => (auditCalls++, emptyRun),
    progress: () => ({ running: false, accountsDone: 0, accountsTotal: 0 }),
    findKey: () => null,
    isKeyBeingRead: () => false,
    forget: () => {},
    revoke: async () => {},
  } as unknown as AuditService;
  const notInThisTest = async (): Promise<never> => {
    throw new Error('not in this test');
  };
  const workspace: WorkspaceServices = {
    mode: 'demo',
    demoKeyPassphrase: 'demo-pass',
    vault: { state: () => 'none', unlock: async () => {}, lock: async () => {}, requireRecentPassphrase: () => {} },
    connections: { list: notInThisTest, test: notInThisTest, add: notInThisTest, rename: notInThisTest, remove: notInThisTest },
    audits: { current: () => audit },
    policy: createMemoryPolicyStore(),
    // Replaced by the SQLite history (issue 10); until then every run is forgotten on restart.
    history: unavailableHistory('not recorded yet in this version.'),
    annotations: createMemoryKeyAnnotations(() => Date.now()),
    alerts: { list: notInThisTest, add: notInThisTest, remove: notInThisTest, test: notInThisTest, deliverRun: notInThisTest },
    actionLog: { append: async (entry) => void actions.push(entry), read: async () => ({ entries: [], verified: true, head: null, authenticated: false }) },
  };
  return { workspace, actions, auditCalls: () => auditCalls };
}
