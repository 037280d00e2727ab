import type { ActionLogHead } from '../action-log/action-log-head.ts';
import { recoverActionLog } from '../action-log/recover-action-log.ts';
import type { ActionLog } from '../action-log/action-log.ts';
import type { Logger } from '../logging/logger.ts';
import { actionLogAnchorOf, openVault, type Vault } from '../vault/index.ts';
import { VaultLockedError } from '../vault/vault-errors.ts';
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
}

/** The user's vault in the data directory. Starts locked. */
export function createLiveVaultSession({ dataDir, actions, now, logger }: { dataDir: string; actions: ActionLog; now: () => number; logger: Logger }): LiveVaultSession {
  let vault: Vault | null = null;
  // Per session: a session that never typed the passphrase must not ride on another's entry (docs/security-model.md#recent-passphrase).
  const passphraseEnteredAt = new Map<string, number>();
  const lockListeners: (() => void)[] = [];
  const unlockListeners: ((vault: Vault) => Promise<void>)[] = [];

  const unlockedVault = (): Vault => {
    if (!vault) throw new VaultLockedError();
    return vault;
  };

  return {
    state: () => (vault ? 'unlocked' : 'locked'),
    async unlock(passphrase, by) {
      const opened = await openVault(dataDir, passphrase);
      const recovery = await recoverActionLog(actions.path, opened.actionLogHead);
      if (recovery === 'mismatch') logger.warn('action log does not match the head anchored in the vault; run `keyaudit log verify`');
      if (vault) vault.lock();
      vault = opened;
      passphraseEnteredAt.set(by, now());
      await actions.append({ action: 'vault.unlock', outcome: 'ok', details: {} });
      for (const listener of unlockListeners) await listener(opened);
    },
    async lock(reason) {
      if (!vault) return;
      // Locked for every request at once; the key itself is kept only until the lock is logged with it (MACed, anchored).
      const closing = vault;
      vault = null;
      lockListeners.forEach((listener) => listener());
      passphraseEnteredAt.clear();
      try {
        await actions.append({ action: 'vault.lock', outcome: 'ok', details: { reason } }, { anchor: actionLogAnchorOf(closing) ?? undefined });
      } finally {
        closing.lock();
      }
    },
    requireRecentPassphrase(action, by) {
      unlockedVault();
      if (now() - (passphraseEnteredAt.get(by) ?? -Infinity) > REAUTH_WINDOW_MS) throw new ReauthRequiredError(action);
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
  };
}
