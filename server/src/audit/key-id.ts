import { createHash } from 'node:crypto';
import type { AccountRef } from '@contract/audited-key.ts';

/** Stable across runs, opaque to the browser: a hash, so ids never spell out a key. */
export function toKeyId(connectionId: string, account: AccountRef, apiKey: string): string {
  return createHash('sha256').update([connectionId, account.kind, account.name, apiKey].join('\0')).digest('base64url').slice(0, 22);
}
