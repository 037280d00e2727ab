import type { Workspace } from '../workspace/workspace.ts';
import { HttpError } from './api-error.ts';

/** Revoking keys and changing connections need the vault passphrase entered this recently (docs/security-model.md#recent-passphrase). */
export const REAUTH_WINDOW_MS = 5 * 60_000;

/** Throws 403 reauth_required unless the vault passphrase was entered within the window. */
export function requireRecentPassphrase(workspace: Workspace, action: string): void {
  if (workspace.msSincePassphrase() > REAUTH_WINDOW_MS) {
    throw new HttpError(403, 'reauth_required', `Enter the vault passphrase again to ${action}.`);
  }
}
