import type { AuditedKey } from '@contract/audited-key.ts';
import { isEmptyKeyAnnotation, type KeyAnnotation, type KeyAnnotationEntry } from '@contract/key-annotation.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import type { ActionRecorder } from '../audit/action-recorder.ts';
import type { KeyAnnotationRecord } from '../vault/vault-content.ts';
import type { Vault } from '../vault/vault.ts';
import { joinKeyAnnotations, keyIdentity, toKeyAnnotationScope, withKeyAnnotation } from './key-annotation-scope.ts';

/** Owner, purpose and tags per key: the vault's section (live), or memory (demo). docs/security-model.md#key-annotations */
export interface KeyAnnotations {
  /** Every stored annotation, also of keys no audit lists now. Live: VaultLockedError while locked. */
  list(): Promise<KeyAnnotationRecord[]>;
  /** Replaces `key`'s annotation; an all-empty one removes it. Resolves with what is stored now (null: none). */
  set(key: AuditedKey, annotation: KeyAnnotation): Promise<KeyAnnotationRecord | null>;
}

/** The unlocked vault's section; every write is one save under the data directory's lock (vault.ts serialise). */
export function createVaultKeyAnnotations(vault: () => Vault): KeyAnnotations {
  return {
    list: () => vault().listKeyAnnotations(),
    async set(key, annotation) {
      const scope = toKeyAnnotationScope(key);
      const open = vault();
      await open.setKeyAnnotation(scope, isEmptyKeyAnnotation(annotation) ? null : annotation);
      return (await open.listKeyAnnotations()).find((record) => keyIdentity(record) === keyIdentity(scope)) ?? null;
    },
  };
}

/** The demo's: nothing it writes outlives the process. `seed` are the records it starts with. */
export function createMemoryKeyAnnotations(now: () => number, seed: KeyAnnotationRecord[] = []): KeyAnnotations & { seed(records: KeyAnnotationRecord[]): void } {
  let records = [...seed];
  return {
    list: async () => [...records],
    async set(key, annotation) {
      const scope = toKeyAnnotationScope(key);
      records = withKeyAnnotation(records, scope, isEmptyKeyAnnotation(annotation) ? null : annotation, new Date(now()).toISOString());
      return records.find((record) => keyIdentity(record) === keyIdentity(scope)) ?? null;
    },
    seed(more) {
      const known = new Set(records.map(keyIdentity));
      records = [...records, ...more.filter((record) => !known.has(keyIdentity(record)))];
    },
  };
}

/**
 * Sets one key's annotation and logs it as `key.annotate`: which key and which fields, never what they say. The log
 * is a plain file; the annotations are kept encrypted, and who holds which key is not for a plain file either.
 */
export async function annotateKey({ annotations, actions }: { annotations: KeyAnnotations; actions: ActionRecorder }, key: AuditedKey, annotation: KeyAnnotation) {
  const stored = await annotations.set(key, annotation);
  const fields = (['owner', 'purpose', 'tags'] as const).filter((field) => (field === 'tags' ? annotation.tags.length > 0 : annotation[field] !== null));
  await actions.append({
    action: 'key.annotate',
    outcome: 'ok',
    details: {
      exchange: key.exchange, connectionId: key.connectionId, account: `${key.account.kind}:${key.account.name}`,
      apiKey: maskApiKey(key.apiKey), label: key.label, fields: fields.length === 0 ? 'cleared' : fields.join(' '),
    },
  });
  return stored;
}

/** The stored annotations as the dashboard receives them: by key id, without the apiKey or scope they were stored with. */
export function toKeyAnnotationEntries(records: readonly KeyAnnotationRecord[]): KeyAnnotationEntry[] {
  return records.map(({ keyId, owner, purpose, tags, updatedAt }) => ({ keyId, owner, purpose, tags, updatedAt }));
}

export { joinKeyAnnotations };
