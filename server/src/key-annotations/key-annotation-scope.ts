import type { AuditedKey } from '@contract/audited-key.ts';
import type { KeyAnnotation } from '@contract/key-annotation.ts';
import { isNonIdentifyingApiKey } from '../exchanges/masked-api-keys.ts';
import { toAcceptanceScope } from '../findings/policy-acceptance.ts';
import type { KeyAnnotationRecord } from '../vault/vault-content.ts';

/** Which key an annotation is about: the acceptance scope (policy-acceptance.ts), and whether the apiKey was masked. */
export type KeyAnnotationScope = Omit<KeyAnnotationRecord, keyof KeyAnnotation | 'updatedAt'>;

const isMasked = (key: Pick<AuditedKey, 'apiKey' | 'isApiKeyMasked'>) => key.isApiKeyMasked === true || isNonIdentifyingApiKey(key.apiKey);

export function toKeyAnnotationScope(key: AuditedKey): KeyAnnotationScope {
  const { exchange, connectionId, account, apiKey, keyId } = toAcceptanceScope(key);
  return { exchange, connectionId, account, apiKey, keyId, ...(isMasked(key) ? { isApiKeyMasked: true as const } : {}) };
}

/**
 * One string per key, the same for a record and for the key it was written for, in this run or a later one: the
 * connection, account and apiKey; where the exchange masked the apiKey (every masked key of an account shares it),
 * the key's id instead, as an acceptance does. A connection id is unique across exchanges (the vault's, or demo-<exchange>).
 */
export function keyIdentity(scope: Pick<KeyAnnotationScope, 'exchange' | 'connectionId' | 'account' | 'apiKey' | 'keyId' | 'isApiKeyMasked'>): string {
  const where = [scope.exchange, scope.connectionId, scope.account.kind, scope.account.name].join('\0');
  return scope.isApiKeyMasked ? `${where}\0id\0${scope.keyId}` : `${where}\0key\0${scope.apiKey}`;
}

/**
 * The annotation of each key of a run, by key id: one pass over each list (50,000 keys join in milliseconds). A record
 * whose key is gone (revoked, or its connection no longer read) matches nothing and is not shown, but is kept.
 */
export function joinKeyAnnotations(keys: readonly AuditedKey[], records: readonly KeyAnnotationRecord[]): Map<string, KeyAnnotationRecord> {
  const byIdentity = new Map(records.map((record) => [keyIdentity(record), record]));
  const joined = new Map<string, KeyAnnotationRecord>();
  if (byIdentity.size === 0) return joined;
  for (const key of keys) {
    const record = byIdentity.get(keyIdentity({ ...key, keyId: key.id, isApiKeyMasked: isMasked(key) || undefined }));
    if (record) joined.set(key.id, record);
  }
  return joined;
}

/** The records with `key`'s replaced by `annotation`, or removed when it is null (all fields empty). */
export function withKeyAnnotation(records: readonly KeyAnnotationRecord[], scope: KeyAnnotationScope, annotation: KeyAnnotation | null, at: string): KeyAnnotationRecord[] {
  const identity = keyIdentity(scope);
  const others = records.filter((record) => keyIdentity(record) !== identity);
  return annotation === null ? others : [...others, { ...scope, ...annotation, updatedAt: at }];
}
