import { randomBytes } from 'node:crypto';
import type { ActionLogHead } from '../action-log/action-log-head.ts';
import type { ConnectionSource } from '../secrets/stored-connection.ts';
import { parseLabel, toNewConnection, type NewConnectionInput } from './new-connection-input.ts';
import { toConnectionRecord, type VaultConnection } from './vault-content.ts';
import { ConnectionNotFoundError, DuplicateConnectionError, VaultLockedError } from './vault-errors.ts';
import { assertVaultUnchanged, writeVaultFile, type VaultFileOptions, type VaultKey } from './vault-file.ts';
import { SALT_BYTES } from './vault-format.ts';
import { deriveScryptKey, kdfParamsForNewKey } from './vault-kdf.ts';
import { assertPassphraseStrength } from './passphrase-policy.ts';

export type MutationOptions = {
  /** Saved with this change: the action-log line about to be appended for it (see ActionLog.append's beforeWrite). */
  actionLogHead?: ActionLogHead;
};

/** An unlocked vault. Every mutation is one atomic save; concurrent calls are serialised. */
export interface Vault extends ConnectionSource {
  readonly dir: string;
  /** Incremented by every save. */
  readonly generation: number;
  /** The action-log head anchored by the last save, or null. */
  readonly actionLogHead: ActionLogHead | null;
  readonly isLocked: boolean;
  listConnections(): Promise<VaultConnection[]>;
  getConnection(id: string): VaultConnection | undefined;
  addConnection(input: NewConnectionInput, options?: MutationOptions): Promise<VaultConnection>;
  renameConnection(id: string, label: string, options?: MutationOptions): Promise<VaultConnection>;
  /** Resolves with the removed connection, so the caller can log what it was. */
  removeConnection(id: string, options?: MutationOptions): Promise<VaultConnection>;
  /** Re-encrypts under a new salt and key derived from the new passphrase. */
  changePassphrase(newPassphrase: string, options?: MutationOptions): Promise<void>;
  /** Wipes the derived key (best effort: JS strings holding secrets cannot be wiped). Later calls throw VaultLockedError. */
  lock(): void;
}

type State = { generation: number; connections: VaultConnection[]; actionLogHead: ActionLogHead | null };

export function createVaultHandle(dir: string, vaultKey: VaultKey, state: State, options: VaultFileOptions = {}): Vault {
  const env = options.env ?? process.env;
  const deriveKey = options.deriveKey ?? deriveScryptKey;
  let key: VaultKey | null = vaultKey;
  let current = state;
  let queue: Promise<unknown> = Promise.resolve();

  const unlockedKey = (): VaultKey => {
    if (key === null) throw new VaultLockedError();
    return key;
  };
  /** Saves the next state with a new generation, then (only on success) makes it current. */
  const commit = async (connections: VaultConnection[], mutation: MutationOptions, withKey = unlockedKey()) => {
    const next: State = {
      generation: current.generation + 1,
      connections,
      actionLogHead: mutation.actionLogHead ?? current.actionLogHead,
    };
    const records = next.connections.map(toConnectionRecord);
    await assertVaultUnchanged(dir, unlockedKey(), current.generation, env);
    await writeVaultFile(dir, withKey, { v: 1, ...next, connections: records }, env);
    current = next;
  };
  const serialise = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => {});
    return run;
  };
  const find = (id: string): VaultConnection => {
    unlockedKey();
    const connection = current.connections.find((candidate) => candidate.id === id);
    if (!connection) throw new ConnectionNotFoundError(id);
    return connection;
  };

  return {
    dir,
    get generation() { return current.generation; },
    get actionLogHead() { return current.actionLogHead; },
    get isLocked() { return key === null; },
    async listConnections() {
      unlockedKey();
      return [...current.connections];
    },
    getConnection(id) {
      unlockedKey();
      return current.connections.find((connection) => connection.id === id);
    },
    addConnection: (input, mutation = {}) =>
      serialise(async () => {
        const connection = toNewConnection(input, new Date().toISOString());
        const clash = current.connections.find(
          (c) => c.id === connection.id || (c.exchange === connection.exchange && c.credentials.apiKey === connection.credentials.apiKey),
        );
        if (clash) throw new DuplicateConnectionError(clash.id);
        await commit([...current.connections, connection], mutation);
        return connection;
      }),
    renameConnection: (id, label, mutation = {}) =>
      serialise(async () => {
        const renamed = { ...find(id), label: parseLabel(label) };
        await commit(current.connections.map((c) => (c.id === id ? renamed : c)), mutation);
        return renamed;
      }),
    removeConnection: (id, mutation = {}) =>
      serialise(async () => {
        const removed = find(id);
        await commit(current.connections.filter((c) => c.id !== id), mutation);
        return removed;
      }),
    changePassphrase: (newPassphrase, mutation = {}) =>
      serialise(async () => {
        const old = unlockedKey();
        assertPassphraseStrength(newPassphrase);
        const kdf = kdfParamsForNewKey(env);
        const salt = randomBytes(SALT_BYTES);
        const next: VaultKey = { key: await deriveKey(newPassphrase, salt, kdf), kdf, salt };
        await commit(current.connections, mutation, next);
        key = next;
        old.key.fill(0);
      }),
    lock() {
      key?.key.fill(0);
      key = null;
      current = { ...current, connections: [] }; // drop the Redacted secrets so they can be collected
    },
  };
}
