import { createHash } from 'node:crypto';
import type { AccountRef, AuditedKey, ExchangeKey } from '@contract/audited-key.ts';
import { markMaskedApiKeys } from '../exchanges/masked-api-keys.ts';

const hashId = (parts: readonly string[]) => createHash('sha256').update(parts.join('\0')).digest('base64url').slice(0, 22);

/** Stable across runs, opaque to the browser: a hash, so ids never spell out a key. */
export function toKeyId(connectionId: string, account: AccountRef, apiKey: string): string {
  return hashId([connectionId, account.kind, account.name, apiKey]);
}

/**
 * One account's listing as audited keys, each with its id. A key whose apiKey does not identify it (masked, or shared
 * within the listing: markMaskedApiKeys) is named instead by what does: its connection, account, label and creation
 * time, and its position among the listing's keys that share all of those. Its id then stays the same across runs as
 * long as the exchange lists that account's keys in the same order.
 */
export function toAuditedKeys(connectionId: string, listing: readonly ExchangeKey[]): AuditedKey[] {
  const seen = new Map<string, number>();
  return markMaskedApiKeys(listing).map((key) => {
    if (!key.isApiKeyMasked) return { ...key, id: toKeyId(connectionId, key.account, key.apiKey), connectionId };
    const identity = [connectionId, key.account.kind, key.account.name, 'masked', key.label, key.createdAt ?? ''];
    const position = seen.get(identity.join('\0')) ?? 0;
    seen.set(identity.join('\0'), position + 1);
    return { ...key, id: hashId([...identity, String(position)]), connectionId };
  });
}
