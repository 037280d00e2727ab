import { useId, useState, type FormEvent } from 'react';
import type { Status } from '@contract/api.ts';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { useUnlockVault } from '../api/unlock-vault.ts';
import { useNow } from '../../../utils/use-now.ts';

/** Why the vault locked itself, in the words the unlock page opens with. */
const LOCKED_BECAUSE: Record<NonNullable<Status['lockedBecause']>, string> = {
  'passphrase-changed': "The vault's passphrase was changed in a terminal: enter the new passphrase.",
  'vault-unreadable': 'The vault file was changed outside the dashboard and had to be opened again: enter the passphrase.',
};

/** The whole page while the vault is locked: one passphrase field, and why it is asked for when keyaudit locked by itself. */
export function UnlockVaultForm({ lockedBecause = null }: { lockedBecause?: Status['lockedBecause'] }) {
  const [passphrase, setPassphrase] = useState('');
  const unlock = useUnlockVault();
  const inputId = useId();
  // A lock-out counts down to the moment another attempt is accepted, and Unlock waits for it.
  const [lockedOutUntil, setLockedOutUntil] = useState<number | null>(null);
  const nowMs = useNow(lockedOutUntil === null ? 60_000 : 1_000);
  const secondsLeft = lockedOutUntil === null ? 0 : Math.max(0, Math.ceil((lockedOutUntil - nowMs) / 1000));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    unlock.mutate(
      { passphrase },
      {
        onSettled: () => setPassphrase(''),
        onError: (error) => setLockedOutUntil(lockOutEnd(error)),
        onSuccess: () => setLockedOutUntil(null),
      },
    );
  };

  return (
    <main className="centered-panel">
      <form className="panel" onSubmit={onSubmit} aria-labelledby="unlock-title">
        <h1 id="unlock-title">Unlock your vault</h1>
        {lockedBecause && (
          <p role="status" className="notice-text">
            {LOCKED_BECAUSE[lockedBecause]}
          </p>
        )}
        <p className="muted">Your exchange credentials are stored encrypted on this machine. Enter the vault passphrase to audit your keys.</p>
        <label htmlFor={inputId}>Vault passphrase</label>
        <input
          id={inputId}
          type="password"
          name="keyaudit-vault-passphrase"
          autoComplete="off"
          autoFocus
          required
          value={passphrase}
          onChange={(event) => setPassphrase(event.target.value)}
        />
        {unlock.isError && lockedOutUntil === null && (
          <p role="alert" className="error-text">
            {describeUnlockError(unlock.error)}
          </p>
        )}
        {lockedOutUntil !== null && (
          <p className="error-text">
            <span role="alert">Too many failed attempts.</span>{' '}
            {/* Not a live region: a countdown read out every second would drown everything else. */}
            <span>{secondsLeft > 0 ? `Try again in ${secondsLeft} ${secondsLeft === 1 ? 'second' : 'seconds'}.` : 'You can try again now.'}</span>
          </p>
        )}
        <button type="submit" className="button-primary" disabled={unlock.isPending || passphrase === '' || secondsLeft > 0}>
          {unlock.isPending ? 'Unlocking…' : 'Unlock'}
        </button>
      </form>
    </main>
  );
}

/** When a 429 lock-out ends: the server says how many seconds to wait ("Try again in 29 seconds."). */
function lockOutEnd(error: Error): number | null {
  if (!(error instanceof ApiRequestError) || error.status !== 429) return null;
  const seconds = Number(/(\d+) seconds?/.exec(error.message)?.[1] ?? 60);
  return Date.now() + seconds * 1000;
}

function describeUnlockError(error: Error): string {
  if (error instanceof ApiRequestError) {
    if (error.status === 401) return 'Wrong passphrase or damaged vault.';
    // The server's message carries the wait ("Too many attempts, wait 30 seconds").
    if (error.status === 429) return error.message || 'Too many attempts. Wait a minute and try again.';
  }
  return error.message;
}
