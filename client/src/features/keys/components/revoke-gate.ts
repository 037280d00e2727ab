import { createContext, useContext } from 'react';
import type { AuditedKey } from '@contract/audited-key.ts';

/** Why a key cannot be acted on yet (its connection is still being read), or null when it can. */
export type RevokeGate = (key: AuditedKey) => string | null;

/** Why Revoke waits on a key shown before its connection is done. */
export const REVOKE_WAITS_FOR_CONNECTION = "Revoking is available once this key's connection has been read.";
/** Why nothing is offered on a key shown as last read: the exchange has not confirmed it exists now. */
export const STALE_KEY_NOT_ACTIONABLE = "This key is shown as last read: its connection failed. Retry the connection to act on it.";
export const ACCEPT_WAITS_FOR_CONNECTION = "Accepting a risk is available once this key's connection has been read.";

/**
 * Set by the keys panel from the run on screen and read where a Revoke or Accept risk is offered, so the
 * rows of the table need no extra prop: a finished connection's keys are actionable while others load.
 */
export const RevokeGateContext = createContext<RevokeGate>(() => null);

export function useRevokeGate(): RevokeGate {
  return useContext(RevokeGateContext);
}
