import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Status, VaultOutsideChanges } from '@contract/api.ts';
import type { ActionLogHead } from '../action-log/action-log-head.ts';
import { VAULT_FILE_NAME } from '../config/data-dir.ts';
import { recoverActionLog } from '../action-log/recover-action-log.ts';
import type { ActionLog } from '../action-log/action-log.ts';
import type { Logger } from '../logging/logger.ts';
import { actionLogAnchorOf, openVault, type OutsideVaultSave, type Vault } from '../vault/index.ts';
import { VaultChangedError, VaultLockedError } from '../vault/vault-errors.ts';
import { ReauthRequiredError } from './workspace-errors.ts';
import type { VaultSession } from './workspace-services.ts';

/** Revoking keys and changing connections need the vault passphrase entered this recently (docs/security-model.md#recent-passphrase). */
export const REAUTH_WINDOW_MS = 5 * 60_000;

/** The session, plus what the other live services need from it: the open vault, and word of a lock. */
export interface LiveVaultSession extends VaultSession {
  /** The open vault; throws VaultLockedError while locked. */
  unlockedVault(): Vault;
  /** The action-log head anchored in the open vault, or null while locked. */
  anchoredHead(): ActionLogHead | null;
  /** The open vault, or null while locked. */
  openVaultOrNull(): Vault | null;
  /** Called on every lock, before the lock is logged: drop whatever was learned while unlocked. */
  onLock(listener: () => void): void;
  /** Awaited on every unlock, once the vault is open: open what its keys open (the history). Must not throw. */
  onUnlock(listener: (vault: Vault) => Promise<void>): void;
  /** Told of each save another process made to the open vault that changed its connections or alert channels. */
  onOutsideSave(listener: (save: OutsideVaultSave) => void): void;
  reconcile(changed?: { kind: 'rekeyed' | 'unreadable' }): Promise<Status['lockedBecause']>;
  outsideState(): { lockedBecause: Status['lockedBecause']; outsideChanges: VaultOutsideChanges };
  recentPassphraseUntil(by: string): number | null;
}

/** Cheap to compare on every request: a save by any process replaces the file (a new inode) and changes its mtime (docs/security-model.md#vault-changed-elsewhere). */
async function fileFingerprint(path: string): Promise<string> {
  const info = await stat(path).catch(() => null);
  return info === null ? 'missing' : `${info.ino}:${info.size}:${info.mtimeMs}`;
}

const changesSomething = (save: OutsideVaultSave) =>
  save.connectionsAdded > 0 || save.connectionsRemoved.length > 0 || save.connectionsRenamed > 0 || save.alertChannelsChanged;

/** The user's vault in the data directory. Starts locked. */
export function createLiveVaultSession({ dataDir, actions, now, logger }: { dataDir: string; actions: ActionLog; now: () => number; logger: Logger }): LiveVaultSession {
  let vault: Vault | null = null;
  // Per session: a session that never typed the passphrase must not ride on another's entry (docs/security-model.md#recent-passphrase).
  const passphraseEnteredAt = new Map<string, number>();
  const lockListeners: (() => void)[] = [];
  const unlockListeners: ((vault: Vault) => Promise<void>)[] = [];
  const outsideSaveListeners: ((save: OutsideVaultSave) => void)[] = [];
  const vaultPath = join(dataDir, VAULT_FILE_NAME);
  /** The vault file as the open vault last took it in: while it is unchanged, nobody else has saved. */
  let fingerprint: string | null = null;
  let lockedBecause: Status['lockedBecause'] = null;
  const outsideChanges: VaultOutsideChanges = { count: 0, last: null };

  const unlockedVault = (): Vault => {
    if (!vault) throw new VaultLockedError();
    return vault;
  };

  const lock = async (reason: 'manual' | 'idle' | 'vault-changed') => {
    if (!vault) return;
    // Locked for every request at once; the key itself is kept only until the lock is logged with it (MACed, anchored).
    const closing = vault;
    vault = null;
    fingerprint = null;
    lockListeners.forEach((listener) => listener());
    passphraseEnteredAt.clear();
    try {
      const anchor = actionLogAnchorOf(closing);
      // A vault file the key no longer opens cannot be saved with the head: the line is MACed (the log key is kept
      // across `keyaudit passwd`) and anchored by the next unlock's save instead.
      const unanchored = anchor && reason === 'vault-changed' ? { macKey: anchor.macKey, anchor: async () => {} } : anchor;
      await actions.append({ action: 'vault.lock', outcome: 'ok', details: { reason } }, { anchor: unanchored ?? undefined });
    } finally {
      closing.lock();
    }
  };

  return {
    state: () => (vault ? 'unlocked' : 'locked'),
    async unlock(passphrase, by) {
      const seen = await fileFingerprint(vaultPath);
      const opened = await openVault(dataDir, passphrase);
      const recovery = await recoverActionLog(actions.path, opened.actionLogHead);
      if (recovery === 'mismatch') logger.warn('action log does not match the head anchored in the vault; run `keyaudit log verify`');
      if (vault) vault.lock();
      vault = opened;
      // Taken before the read: a save in between is seen as a change on the next look, never missed.
      fingerprint = seen;
      lockedBecause = null;
      opened.onOutsideSave((save) => {
        if (!changesSomething(save)) return; // a CLI command that only logged (and anchored) an action
        outsideChanges.count += 1;
        outsideChanges.last = {
          connectionsAdded: save.connectionsAdded,
          connectionsRemoved: save.connectionsRemoved.length,
          connectionsRenamed: save.connectionsRenamed,
          alertChannelsChanged: save.alertChannelsChanged,
        };
        logger.info('vault saved by another keyaudit process: reloaded', { ...outsideChanges.last });
        outsideSaveListeners.forEach((listener) => listener(save));
      });
      passphraseEnteredAt.set(by, now());
      await actions.append({ action: 'vault.unlock', outcome: 'ok', details: {} });
      for (const listener of unlockListeners) await listener(opened);
    },
    lock,
    async reconcile(changed) {
      const open = vault;
      if (!open) return null;
      if (!changed) {
        const seen = await fileFingerprint(vaultPath);
        if (seen === fingerprint) return null;
        try {
          await open.refresh(); // same key: one decryption, no KDF; tells onOutsideSave what another process changed
          if (vault === open) fingerprint = seen;
          return null;
        } catch (error) {
          if (!(error instanceof VaultChangedError)) throw error;
          changed = error;
        }
      }
      if (vault !== open) return null;
      lockedBecause = changed.kind === 'rekeyed' ? 'passphrase-changed' : 'vault-unreadable';
      logger.warn('the vault key no longer opens the vault file (changed by another process): locked', { lockedBecause });
      await lock('vault-changed');
      return lockedBecause;
    },
    outsideState: () => ({ lockedBecause: vault ? null : lockedBecause, outsideChanges: { ...outsideChanges } }),
    requireRecentPassphrase(action, by) {
      unlockedVault();
      if (now() - (passphraseEnteredAt.get(by) ?? -Infinity) > REAUTH_WINDOW_MS) throw new ReauthRequiredError(action);
    },
    recentPassphraseUntil(by) {
      const enteredAt = passphraseEnteredAt.get(by);
      if (!vault || enteredAt === undefined) return null;
      const until = enteredAt + REAUTH_WINDOW_MS;
      return until > now() ? until : null;
    },
    unlockedVault,
    anchoredHead: () => vault?.actionLogHead ?? null,
    openVaultOrNull: () => vault,
    onLock(listener) {
      lockListeners.push(listener);
    },
    onUnlock(listener) {
      unlockListeners.push(listener);
    },
    onOutsideSave(listener) {
      outsideSaveListeners.push(listener);
    },
  };
}
