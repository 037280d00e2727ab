import { randomBytes } from 'node:crypto';
import type { ActionLogHead } from '../action-log/action-log-head.ts';
import type { ConnectionSource } from '../secrets/stored-connection.ts';
import { parseLabel, toNewConnection, type NewConnectionInput } from './new-connection-input.ts';
import { toAlertChannelRecord, toConnectionRecord, toStoredAlertChannel, type KeyAnnotationRecord, type StoredAlertChannel, type VaultConnection, type VaultContent } from './vault-content.ts';
import type { KeyAnnotation } from '@contract/key-annotation.ts';
import { withKeyAnnotation, type KeyAnnotationScope } from '../key-annotations/key-annotation-scope.ts';
import { parseAlertChannelConfig } from '../alerts/alert-channel.ts';
import { AlertChannelNotFoundError } from '../alerts/alert-errors.ts';
import { ConnectionNotFoundError, DuplicateConnectionError, VaultLockedError } from './vault-errors.ts';
import { readVaultWithKey, writeVaultFile, type VaultFileOptions, type VaultKey } from './vault-file.ts';
import { withDataDirLock } from './data-dir-lock.ts';
import { createSecretScope, redact, type Redacted, type SecretScope } from '../secrets/redacted.ts';
import { deriveActionLogMacKey } from '../action-log/action-log-entry.ts';
import type { ActionLogAnchor } from '../action-log/action-log.ts';
import { toVaultConnection } from './vault-content.ts';
import type { BackupPolicy } from './atomic-write.ts';
import { SALT_BYTES } from './vault-format.ts';
import { deriveScryptKey, kdfParamsForNewKey } from './vault-kdf.ts';
import { assertPassphraseStrength } from './passphrase-policy.ts';

/** `ch_` and 8 random hex digits: names a channel in `keyaudit notify remove|test` and says nothing about it. */
export function createAlertChannelId(): string {
  return `ch_${randomBytes(4).toString('hex')}`;
}

/**
 * What another keyaudit process (the CLI) saved to the vault since this handle last read it, found when the handle
 * re-reads the file: counts only, never a secret. A save that only anchored the action log changes none of them.
 */
export type OutsideVaultSave = {
  connectionsAdded: number;
  /** Ids of the connections gone, so their adapters and keys can be forgotten. */
  connectionsRemoved: string[];
  connectionsRenamed: number;
  alertChannelsChanged: boolean;
};

export type MutationOptions = {
  /** Saved with this change: the action-log line about to be appended for it (see ActionLog.append's beforeWrite). */
  actionLogHead?: ActionLogHead;
};

/**
 * An unlocked vault. Every mutation is one atomic save under the data directory's lock (data-dir-lock.ts), made
 * on the state re-read under that lock, so saves by other keyaudit processes are kept, never overwritten.
 */
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
  /** Resolves with the removed connection, so the caller can log what it was. The .bak is rewritten without it. */
  removeConnection(id: string, options?: MutationOptions): Promise<VaultConnection>;
  /** A copy of the action log's MAC key, for the caller to zero after use (docs/security-model.md#log-macs). */
  actionLogMacKey(): Buffer;
  /** Saves the vault with nothing changed but the anchored action-log head. */
  anchorActionLog(head: ActionLogHead): Promise<void>;
  /** Re-reads what other processes saved (under the data directory's lock when the caller holds it). */
  refresh(): Promise<void>;
  /** Told whenever a re-read takes in a save made by another process (another handle on the same file). */
  onOutsideSave(listener: (save: OutsideVaultSave) => void): void;
  /**
   * The audit history's key (32 random bytes), created and saved on first use. A copy: the caller wipes it.
   * docs/security-model.md#history
   */
  historyKey(): Promise<Buffer>;
  /** Where alerts go (`keyaudit notify`), as stored now (re-read from disk). Their settings stay Redacted. */
  listAlertChannels(): Promise<StoredAlertChannel[]>;
  /** Validates `config` with the channel kind's schema: InvalidAlertChannelError (quoting no value) on a bad one. */
  addAlertChannel(input: { label: string; config: unknown }, options?: MutationOptions): Promise<StoredAlertChannel>;
  /** AlertChannelNotFoundError for an unknown id. The .bak is rewritten without it. */
  removeAlertChannel(id: string, options?: MutationOptions): Promise<StoredAlertChannel>;
  /** Owner, purpose and tags per key, as stored now (re-read from disk). */
  listKeyAnnotations(): Promise<KeyAnnotationRecord[]>;
  /** Replaces the annotation of the key `scope` names; null removes it. */
  setKeyAnnotation(scope: KeyAnnotationScope, annotation: KeyAnnotation | null, options?: MutationOptions): Promise<void>;
  /** Re-encrypts under a new salt and key derived from the new passphrase; the .bak too. */
  changePassphrase(newPassphrase: string, options?: MutationOptions): Promise<void>;
  /**
   * Wipes the derived key and every secret this handle handed out (their Buffers are zeroed; later uses throw
   * SecretWipedError). Later calls throw VaultLockedError.
   */
  lock(): void;
}

/**
 * The vault's optional sections: each absent from vaults written before it existed, and carried unchanged through
 * every save and reload by the two functions below, so a new section is one line in each and nowhere else.
 */
type Sections = {
  /** See vaultContentSchema.actionLogKey. */
  actionLogKey?: string;
  historyKey?: string;
  /** Held masked (Redacted), so that lock() wipes them with the connections' secrets. */
  alertChannels?: StoredAlertChannel[];
  keyAnnotations?: KeyAnnotationRecord[];
};

function sectionsFromContent(content: VaultContent, scope: SecretScope): Sections {
  return {
    ...(content.actionLogKey === undefined ? {} : { actionLogKey: content.actionLogKey }),
    ...(content.historyKey === undefined ? {} : { historyKey: content.historyKey }),
    ...(content.alertChannels === undefined ? {} : { alertChannels: content.alertChannels.map((record) => toStoredAlertChannel(record, scope)) }),
    ...(content.keyAnnotations === undefined ? {} : { keyAnnotations: content.keyAnnotations }),
  };
}

function sectionsToContent(sections: Sections): Pick<VaultContent, 'actionLogKey' | 'historyKey' | 'alertChannels' | 'keyAnnotations'> {
  return {
    ...(sections.actionLogKey === undefined ? {} : { actionLogKey: sections.actionLogKey }),
    ...(sections.historyKey === undefined ? {} : { historyKey: sections.historyKey }),
    ...(sections.alertChannels === undefined ? {} : { alertChannels: sections.alertChannels.map(toAlertChannelRecord) }),
    ...(sections.keyAnnotations === undefined ? {} : { keyAnnotations: sections.keyAnnotations }),
  };
}

/** What openVault read, before the handle takes its secrets into its own scope. */
export type InitialVaultState = { generation: number; connections: VaultConnection[]; actionLogHead: ActionLogHead | null; content?: VaultContent };
type State = { generation: number; connections: VaultConnection[]; actionLogHead: ActionLogHead | null; sections: Sections };
type CommitOptions = { key?: VaultKey; backup?: BackupPolicy; sections?: Sections };

export function createVaultHandle(dir: string, vaultKey: VaultKey, initial: InitialVaultState, options: VaultFileOptions = {}): Vault {
  const env = options.env ?? process.env;
  const deriveKey = options.deriveKey ?? deriveScryptKey;
  let key: VaultKey | null = vaultKey;
  // Every secret this handle hands out belongs to this unlock: lock() wipes them wherever they are referenced.
  const secrets = createSecretScope();
  const trackSecrets = (connections: VaultConnection[]) => {
    for (const { credentials } of connections) {
      secrets.track(credentials.secret);
      if (credentials.passphrase) secrets.track(credentials.passphrase);
    }
    return connections;
  };
  let current: State = {
    generation: initial.generation,
    connections: trackSecrets(initial.connections),
    actionLogHead: initial.actionLogHead,
    sections: initial.content ? sectionsFromContent(initial.content, secrets) : {},
  };
  // The MAC key lives masked like every other secret of this unlock, and is wiped by lock().
  let logKey: Redacted | null = null;
  const storedLogKey = (): string => current.sections.actionLogKey ?? deriveActionLogMacKey(unlockedKey().key).toString('base64');
  const logKeyRedacted = (): Redacted => {
    unlockedKey();
    return (logKey ??= redact(storedLogKey(), secrets));
  };
  let queue: Promise<unknown> = Promise.resolve();
  const outsideSaveListeners: ((save: OutsideVaultSave) => void)[] = [];

  const unlockedKey = (): VaultKey => {
    if (key === null) throw new VaultLockedError();
    return key;
  };
  /** Saves the next state with a new generation, then (only on success) makes it current. `sections` are the ones this save changes. */
  const commit = async (connections: VaultConnection[], mutation: MutationOptions, { key: withKey = unlockedKey(), backup = 'previous', sections = {} }: CommitOptions = {}) => {
    const next: State = {
      generation: current.generation + 1,
      connections,
      actionLogHead: mutation.actionLogHead ?? current.actionLogHead,
      sections: { ...current.sections, actionLogKey: storedLogKey(), ...sections },
    };
    const records = next.connections.map(toConnectionRecord);
    await writeVaultFile(dir, withKey, { v: 1, generation: next.generation, connections: records, actionLogHead: next.actionLogHead, ...sectionsToContent(next.sections) }, env, backup);
    current = next;
  };
  /** Takes in what another process saved since we last read or wrote (same key: no KDF). */
  const reload = async () => {
    const onDisk = await readVaultWithKey(dir, unlockedKey(), env);
    if (onDisk.generation <= current.generation) return; // generations only grow: an older read lost a race with our own save
    const previous = current;
    current = {
      generation: onDisk.generation,
      connections: onDisk.connections.map((record) => toVaultConnection(record, secrets)),
      actionLogHead: onDisk.actionLogHead,
      // A section the newer save lacks keeps ours (the log key of a vault from before log MACs is derived, never lost).
      sections: { ...current.sections, ...sectionsFromContent(onDisk, secrets) },
    };
    // Every save of this handle becomes `current` at once, so a newer generation on disk is always another process's.
    const save = compareSaves(previous, current);
    for (const listener of outsideSaveListeners) listener(save);
  };
  /** The lock first, then this handle's own queue: a save nested in a log append re-enters the lock it holds. */
  const serialise = <T>(task: () => Promise<T>): Promise<T> =>
    withDataDirLock(dir, () => {
      const run = queue.then(async () => {
        await reload();
        return task();
      });
      queue = run.catch(() => {});
      return run;
    });
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
      // Another process (the CLI) may have added or removed a connection since: read what is on disk now.
      await reload();
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
        trackSecrets([connection]);
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
        // The backup must not keep the removed secret. The connection's key annotations go with it: its keys are no longer audited.
        const annotations = current.sections.keyAnnotations;
        const sections = annotations === undefined ? {} : { keyAnnotations: annotations.filter((record) => record.connectionId !== id) };
        await commit(current.connections.filter((c) => c.id !== id), mutation, { backup: 'new', sections });
        return removed;
      }),
    actionLogMacKey: () => Buffer.from(logKeyRedacted().reveal(), 'base64'),
    anchorActionLog: (head) => serialise(() => commit(current.connections, { actionLogHead: head })),
    refresh: () => serialise(async () => {}),
    onOutsideSave(listener) {
      outsideSaveListeners.push(listener);
    },
    async listAlertChannels() {
      unlockedKey();
      await reload();
      return [...(current.sections.alertChannels ?? [])];
    },
    addAlertChannel: (input, mutation = {}) =>
      serialise(async () => {
        const config = parseAlertChannelConfig(input.config);
        const channel = toStoredAlertChannel({ id: createAlertChannelId(), label: parseLabel(input.label), createdAt: new Date().toISOString(), config }, secrets);
        await commit(current.connections, mutation, { sections: { alertChannels: [...(current.sections.alertChannels ?? []), channel] } });
        return channel;
      }),
    removeAlertChannel: (id, mutation = {}) =>
      serialise(async () => {
        const removed = (current.sections.alertChannels ?? []).find((channel) => channel.id === id);
        if (!removed) throw new AlertChannelNotFoundError(id);
        // The backup must not keep the removed URL or token.
        await commit(current.connections, mutation, { backup: 'new', sections: { alertChannels: (current.sections.alertChannels ?? []).filter((channel) => channel.id !== id) } });
        return removed;
      }),
    async listKeyAnnotations() {
      unlockedKey();
      await reload();
      return [...(current.sections.keyAnnotations ?? [])];
    },
    setKeyAnnotation: (scope, annotation, mutation = {}) =>
      serialise(async () => {
        const keyAnnotations = withKeyAnnotation(current.sections.keyAnnotations ?? [], scope, annotation, new Date().toISOString());
        await commit(current.connections, mutation, { sections: { keyAnnotations } });
      }),
    historyKey: () =>
      serialise(async () => {
        // Re-read under the lock (serialise): another process may have created it first; both must use the same key.
        if (current.sections.historyKey === undefined) await commit(current.connections, {}, { sections: { historyKey: randomBytes(32).toString('base64') } });
        return Buffer.from(current.sections.historyKey!, 'base64');
      }),
    changePassphrase: (newPassphrase, mutation = {}) =>
      serialise(async () => {
        const old = unlockedKey();
        assertPassphraseStrength(newPassphrase);
        const kdf = kdfParamsForNewKey(env);
        const salt = randomBytes(SALT_BYTES);
        const next: VaultKey = { key: await deriveKey(newPassphrase, salt, kdf), kdf, salt };
        // The backup must not keep opening with the old passphrase.
        await commit(current.connections, mutation, { key: next, backup: 'new' });
        key = next;
        old.key.fill(0);
      }),
    lock() {
      key?.key.fill(0);
      key = null;
      secrets.wipeAll();
      logKey = null;
      current = { generation: current.generation, connections: [], actionLogHead: current.actionLogHead, sections: {} };
    },
  };
}

/** What changed between two states of the vault, in counts and connection ids. */
function compareSaves(before: State, after: State): OutsideVaultSave {
  const labelsBefore = new Map(before.connections.map((connection) => [connection.id, connection.label]));
  const idsAfter = new Set(after.connections.map((connection) => connection.id));
  const channelIds = (state: State) => (state.sections.alertChannels ?? []).map((channel) => channel.id).sort().join(',');
  return {
    connectionsAdded: after.connections.filter((connection) => !labelsBefore.has(connection.id)).length,
    connectionsRemoved: [...labelsBefore.keys()].filter((id) => !idsAfter.has(id)),
    connectionsRenamed: after.connections.filter((connection) => labelsBefore.has(connection.id) && labelsBefore.get(connection.id) !== connection.label).length,
    alertChannelsChanged: channelIds(before) !== channelIds(after),
  };
}

/** The open vault as the action log needs it: every entry MACed and anchored (docs/security-model.md#log-macs). */
export function actionLogAnchorOf(vault: Vault | null): ActionLogAnchor | null {
  if (vault === null || vault.isLocked) return null;
  return { macKey: () => vault.actionLogMacKey(), anchor: (head) => vault.anchorActionLog(head) };
}
