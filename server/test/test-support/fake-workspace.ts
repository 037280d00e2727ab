import type { AuditRun } from '@contract/audit-run.ts';
import type { Workspace } from '../../src/workspace/workspace.ts';
import type { ActionEntry } from '../../src/audit/action-recorder.ts';
import { createMemoryPolicyStore } from '../../src/findings/policy-store.ts';

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
  const workspace: Workspace = {
    mode: 'demo',
    demoKeyPassphrase: 'demo-pass',
    vaultState: () => 'none',
    unlock: async () => {},
    lock: async () => {},
    msSincePassphrase: () => 0,
    audit: () =>
      ({
        audit: async () => (auditCalls++, emptyRun),
        findKey: () => null,
        isKeyBeingRead: () => false,
        forget: () => {},
        revoke: async () => {},
      }) as unknown as ReturnType<Workspace['audit']>,
    connections: () => null,
    actions: { append: async (entry) => void actions.push(entry) },
    policy: createMemoryPolicyStore(),
    readActionLog: async () => ({ entries: [], verified: true }),
    adapterForUnsaved: () => {
      throw new Error('not in this test');
    },
  };
  return { workspace, actions, auditCalls: () => auditCalls };
}
