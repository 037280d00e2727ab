import { useCallback, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { unlockVault } from '../../vault/api/unlock-vault.ts';
import { isReauthRequired, revokeKeyAndApply, type RevokeKeyRequest } from './revoke-key.ts';

export type RevokeOutcome = { status: 'waiting' } | { status: 'revoking' } | { status: 'revoked' } | { status: 'failed'; message: string };

type RevokeInTurnOptions = {
  onOutcome: (keyId: string, outcome: RevokeOutcome) => void;
  /** Revokes one key and applies what changed to the audit on screen. */
  revoke: (request: RevokeKeyRequest) => Promise<unknown>;
};

/**
 * Revokes keys one after another, never in parallel: the exchange rate-limits deletes, and the user
 * watches each result arrive. A failure moves on to the next key; a reauth-required stops the run
 * there (every later key would fail the same way) and leaves that key waiting.
 */
export async function revokeKeysInTurn(
  requests: readonly RevokeKeyRequest[],
  { onOutcome, revoke }: RevokeInTurnOptions,
): Promise<'done' | 'needs-vault-passphrase'> {
  for (const request of requests) {
    onOutcome(request.keyId, { status: 'revoking' });
    try {
      await revoke(request);
      onOutcome(request.keyId, { status: 'revoked' });
    } catch (error) {
      if (isReauthRequired(error)) {
        onOutcome(request.keyId, { status: 'waiting' });
        return 'needs-vault-passphrase';
      }
      onOutcome(request.keyId, { status: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }
  return 'done';
}

/** The bulk dialog's state: one outcome per key, and whether the vault passphrase is needed to go on. */
export function useBulkRevoke() {
  const queryClient = useQueryClient();
  const [outcomes, setOutcomes] = useState<Record<string, RevokeOutcome>>({});
  const [isRunning, setIsRunning] = useState(false);
  const [needsVaultPassphrase, setNeedsVaultPassphrase] = useState(false);
  const [runError, setRunError] = useState<string | null>(null);

  const run = async (requests: RevokeKeyRequest[], vaultPassphrase: string) => {
    setIsRunning(true);
    setRunError(null);
    try {
      if (needsVaultPassphrase) await unlockVault({ passphrase: vaultPassphrase });
    } catch (error) {
      setRunError(error instanceof Error ? error.message : String(error));
      setIsRunning(false);
      return;
    }
    setNeedsVaultPassphrase(false);
    // Each revoke re-reads its own account and the table follows key by key: no audit of everything afterwards.
    const result = await revokeKeysInTurn(requests, {
      onOutcome: (keyId, outcome) => setOutcomes((previous) => ({ ...previous, [keyId]: outcome })),
      revoke: (request) => revokeKeyAndApply(queryClient, request),
    });
    if (result === 'needs-vault-passphrase') setNeedsVaultPassphrase(true);
    setIsRunning(false);
  };

  /** The recent-passphrase window has passed before the run: ask for the passphrase up front. */
  const requireVaultPassphrase = useCallback(() => setNeedsVaultPassphrase(true), []);
  return { outcomes, isRunning, needsVaultPassphrase, runError, run, requireVaultPassphrase };
}
