import type { ActionLogEntry, ConnectionSummary, AddConnectionInput } from '@contract/api.ts';
import type { ExchangeAdapter } from '../exchanges/exchange-adapter.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { ActionRecorder } from '../audit/action-recorder.ts';
import type { PolicyStore } from '../findings/policy-store.ts';

/**
 * What the routes work on: either the demo (built-in simulators, nothing on disk touched)
 * or the user's vault. Routes never branch on which one it is beyond `mode`.
 */
export interface Workspace {
  readonly mode: 'demo' | 'live';
  /** The passphrase of every demo sub-account key, so revoke can be tried; null when live. */
  readonly demoKeyPassphrase: string | null;
  vaultState(): 'none' | 'locked' | 'unlocked';
  /** Unlocks the vault (or re-authenticates when already unlocked). Rejects with UnlockFailedError. */
  unlock(passphrase: string): Promise<void>;
  /** Forgets the vault key; `reason` is logged. Demo: nothing to lock. */
  lock(reason: 'manual' | 'idle'): Promise<void>;
  /** Milliseconds since the passphrase was last entered; Infinity when never. Demo: 0. */
  msSincePassphrase(): number;
  /** Null while locked. */
  audit(): AuditService | null;
  connections(): ConnectionManager | null;
  readonly actions: ActionRecorder;
  /** Where acceptances of findings are recorded: policy.json in the data directory, or memory in the demo. */
  readonly policy: PolicyStore;
  readActionLog(): Promise<{ entries: ActionLogEntry[]; verified: boolean }>;
  /** An adapter for a credential that is not saved yet (the Connections form's "Test"). */
  adapterForUnsaved(exchange: AddConnectionInput['exchange'], baseUrl: string | null): ExchangeAdapter;
}

export interface ConnectionManager {
  list(): Promise<ConnectionSummary[]>;
  add(input: AddConnectionInput): Promise<ConnectionSummary>;
  rename(id: string, label: string): Promise<ConnectionSummary>;
  remove(id: string): Promise<void>;
}
