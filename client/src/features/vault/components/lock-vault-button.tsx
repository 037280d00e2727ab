import { useLockVault } from '../api/lock-vault.ts';

export function LockVaultButton() {
  const lock = useLockVault();
  return (
    <>
      <button type="button" className="button-secondary" onClick={() => lock.mutate()} disabled={lock.isPending}>
        {lock.isPending ? 'Locking…' : 'Lock'}
      </button>
      {lock.isError && <span role="alert" className="error-text">Could not lock: {lock.error.message}</span>}
    </>
  );
}
