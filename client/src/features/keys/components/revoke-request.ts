import type { AuditedKey } from '@contract/audited-key.ts';

/**
 * The bulk revoke of the selection. `deselect` takes keys out of the selection once the run is done with them
 * (revoked, or not revocable here), so a key keyaudit cannot revoke does not stay selected after the run.
 */
export type OnRevokeKeys = (keys: AuditedKey[], deselect: (keyIds: readonly string[]) => void) => void;
