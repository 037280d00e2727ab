import type { AuditedKey } from '@contract/audited-key.ts';

export type SkippedKey = { keyInfo: AuditedKey; reason: string };

/**
 * Which selected keys a bulk revoke will try, and which it skips with why. The connection's own
 * key is never revoked in bulk: losing it stops the connection, so it needs its own confirmation.
 */
export function splitRevocable(keys: readonly AuditedKey[]): { revocable: AuditedKey[]; skipped: SkippedKey[] } {
  const revocable: AuditedKey[] = [];
  const skipped: SkippedKey[] = [];
  for (const keyInfo of keys) {
    if (!keyInfo.revocability.canRevoke) skipped.push({ keyInfo, reason: keyInfo.revocability.reason });
    else if (keyInfo.revocability.revokesOwnConnection) {
      skipped.push({ keyInfo, reason: "This is the key keyaudit signs with; revoke it on its own, from its row, to confirm that separately." });
    } else revocable.push(keyInfo);
  }
  return { revocable, skipped };
}
