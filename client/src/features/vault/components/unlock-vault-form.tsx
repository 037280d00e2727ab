import { useId, useState, type FormEvent } from 'react';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { useUnlockVault } from '../api/unlock-vault.ts';

/** The whole page while the vault is locked: one passphrase field. */
export function UnlockVaultForm() {
  const [passphrase, setPassphrase] = useState('');
  const unlock = useUnlockVault();
  const inputId = useId();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    unlock.mutate({ passphrase }, { onSettled: () => setPassphrase('') });
  };

  return (
    <main className="centered-panel">
      <form className="panel" onSubmit={onSubmit} aria-labelledby="unlock-title">
        <h1 id="unlock-title">Unlock your vault</h1>
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
        {unlock.isError && (
          <p role="alert" className="error-text">
            {describeUnlockError(unlock.error)}
          </p>
        )}
        <button type="submit" className="button-primary" disabled={unlock.isPending || passphrase === ''}>
          {unlock.isPending ? 'Unlocking…' : 'Unlock'}
        </button>
      </form>
    </main>
  );
}

function describeUnlockError(error: Error): string {
  if (error instanceof ApiRequestError) {
    if (error.status === 401) return 'Wrong passphrase or damaged vault.';
    // The server's message carries the wait ("Too many attempts, wait 30 seconds").
    if (error.status === 429) return error.message || 'Too many attempts. Wait a minute and try again.';
  }
  return error.message;
}
