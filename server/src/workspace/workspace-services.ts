import type { ActionLogView, AddConnectionInput, ConnectionSummary, ConnectionTestResult, CredentialInput, Status, VaultOutsideChanges } from '@contract/api.ts';
import type { ActionRecorder } from '../audit/action-recorder.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { PolicyStore } from '../findings/policy-store.ts';
import type { HistoryAccess } from '../history/history-store.ts';
import type { AlertChannelsService } from '../alerts/alert-channels-service.ts';
import type { KeyAnnotations } from '../key-annotations/key-annotations-service.ts';

/**
 * What the routes and the CLI work on, built either for the demo (built-in simulators, nothing on
 * disk touched: create-demo-workspace.ts) or for the user's vault (create-live-workspace.ts).
 * `mode` is the one switch; the difference lives in how these services are built, so no route
 * asks which mode it runs in. Each route module receives only the services it uses.
 */
export type WorkspaceServices = {
  readonly mode: Status['mode'];
  /** The passphrase of every demo sub-account key, so revoke can be tried; null when live. */
  readonly demoKeyPassphrase: string | null;
  readonly vault: VaultSession;
  readonly connections: Connections;
  readonly audits: AuditAccess;
  /** Where acceptances of findings are recorded: policy.json in the data directory, or memory in the demo. */
  readonly policy: PolicyStore;
  readonly actionLog: ActionLogService;
  /** Every recorded audit: history.sqlite beside the vault, or memory in the demo. Never blocks an audit. */
  readonly history: HistoryAccess;
  /** Where `keyaudit watch` sends alerts: the vault's alert channels. Demo: every call throws DemoModeError. */
  readonly alerts: AlertChannelsService;
  /** Owner, purpose and tags per key: the vault's keyAnnotations section, or memory in the demo (seeded). */
  readonly annotations: KeyAnnotations;
};

/** The vault as the dashboard holds it: none (demo), locked, or unlocked, and how recently its passphrase was entered. */
export interface VaultSession {
  state(): Status['vault'];
  /**
   * Unlocks the vault, or re-authenticates when it is unlocked; `by` (a dashboard session, or the terminal) is the
   * one that entered the passphrase. Rejects with UnlockFailedError; NoVaultError in the demo.
   */
  unlock(passphrase: string, by: string): Promise<void>;
  /** Forgets the vault key; `reason` is logged. Demo: nothing to lock. */
  lock(reason: 'manual' | 'idle'): Promise<void>;
  /**
   * Live only: takes in what another keyaudit process (the CLI) saved to the open vault since the last look — one
   * stat of the file when nothing was — and locks the session when the key in memory no longer opens the file (its
   * passphrase was changed). `changed`: a request just failed on such a file; lock for it. Resolves with the reason
   * when this call locked the session, else null.
   */
  reconcile?(changed?: { kind: 'rekeyed' | 'unreadable' }): Promise<Status['lockedBecause']>;
  /** Live only: what the status answer says about saves made outside the dashboard. */
  outsideState?(): { lockedBecause: Status['lockedBecause']; outsideChanges: VaultOutsideChanges };
  /**
   * Throws VaultLockedError while locked, and ReauthRequiredError unless `by` itself entered the passphrase
   * within the last few minutes (another session's entry does not count); `action` ends the sentence "Enter the vault passphrase again to …".
   * Demo: never throws.
   */
  requireRecentPassphrase(action: string, by: string): void;
  /** Live only: when `by`'s recent-passphrase window ends (epoch ms), or null when it has none now. */
  recentPassphraseUntil?(by: string): number | null;
}

/** The user's stored connections. In the demo every call throws DemoModeError; while locked, VaultLockedError. */
export interface Connections {
  list(): Promise<ConnectionSummary[]>;
  /** Asks the exchange what a credential can do, without saving it (the Connections form's "Test"). */
  test(input: CredentialInput): Promise<ConnectionTestResult>;
  /** Saves a credential write-only; DuplicateConnectionError when its key is stored already. */
  add(input: AddConnectionInput): Promise<ConnectionSummary>;
  /** ConnectionNotFoundError for an unknown id. */
  rename(id: string, label: string): Promise<ConnectionSummary>;
  /** ConnectionNotFoundError for an unknown id. */
  remove(id: string): Promise<void>;
}

/**
 * The audit of what is open: the demo's, or the unlocked vault's (a new one per unlock, so a
 * lock forgets the last run). current() throws VaultLockedError while the vault is locked.
 */
export interface AuditAccess {
  current(): AuditService;
  /**
   * When keyaudit last made a successful signed call with this key (the usage ledger), or null: a key keyaudit
   * never signs with, or none recorded. Other applications' use is invisible to keyaudit. Absent in the demo.
   */
  lastUsedByKeyaudit?(keyId: string): string | null;
}

/** The action log as the routes see it: append-only, and read back with its verification verdict. */
export interface ActionLogService extends ActionRecorder {
  read(): Promise<ActionLogView>;
}
