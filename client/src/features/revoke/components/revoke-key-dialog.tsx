import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AuditedKey } from '@contract/audited-key.ts';
import { ModalDialog } from '../../../components/modal-dialog.tsx';
import { describeAccount } from '../../../utils/describe-account.ts';
import { keyDisplayName } from '../../../utils/key-display-name.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import { isReauthRequired, useRevokeKey } from '../api/revoke-key.ts';
import { VaultPassphraseField } from './vault-passphrase-field.tsx';
import { useVaultPassphraseDue } from '../../vault/api/use-vault-passphrase-due.ts';

type RevokeKeyDialogProps = {
  keyInfo: AuditedKey;
  /** Demo mode only: the passphrase every simulated key was created with. */
  demoKeyPassphrase: string | null;
  onClose: () => void;
  /** Called after the exchange confirmed the revoke, with a sentence to announce. */
  onRevoked: (announcement: string) => void;
  /** Where focus goes after a successful revoke, when the key's row (and its button) is gone. */
  getFallbackFocus?: () => HTMLElement | null;
};

export function RevokeKeyDialog({ keyInfo, demoKeyPassphrase, onClose, onRevoked, getFallbackFocus }: RevokeKeyDialogProps) {
  const [keyPassphrase, setKeyPassphrase] = useState('');
  const [isOwnKeyConfirmed, setIsOwnKeyConfirmed] = useState(false);
  const [vaultPassphrase, setVaultPassphrase] = useState('');
  // Stays true once the server asked: the field must not vanish while the user retries.
  const [needsVaultPassphrase, setNeedsVaultPassphrase] = useState(false);
  // Asked before Revoke when the recent-passphrase window has passed, not as an error after it.
  const isVaultPassphraseDue = useVaultPassphraseDue();
  useEffect(() => {
    if (isVaultPassphraseDue) setNeedsVaultPassphrase(true);
  }, [isVaultPassphraseDue]);
  const passphraseRef = useRef<HTMLInputElement>(null);
  const passphraseId = useId();
  const revoke = useRevokeKey();
  const needsPassphrase = keyInfo.revocability.how === 'api-needs-key-passphrase';
  const revokesOwnConnection = keyInfo.revocability.revokesOwnConnection === true;
  const name = keyDisplayName(keyInfo);
  const account = describeAccount(keyInfo.account, keyInfo.exchange);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    revoke.mutate(
      {
        keyId: keyInfo.id,
        keyPassphrase: needsPassphrase ? keyPassphrase : undefined,
        vaultPassphrase: needsVaultPassphrase ? vaultPassphrase : undefined,
      },
      {
        onSuccess: (result) => {
          // An unconfirmed revoke (its account could not be read again) says so in the announcement.
          onRevoked(`Revoked ${name} (${account})${result.message ? `. ${result.message}` : ''}`);
          onClose();
        },
        onError: (error) => {
          if (isReauthRequired(error)) setNeedsVaultPassphrase(true);
          else passphraseRef.current?.select();
        },
      },
    );
  };

  return (
    <ModalDialog title="Revoke API key" onClose={onClose} isCloseBlocked={revoke.isPending} getFallbackFocus={getFallbackFocus}>
      <form onSubmit={onSubmit} className="modal-body">
        <p>
          Revoke <strong>{name}</strong> (<code>{maskApiKey(keyInfo.apiKey)}</code>) on {account}? Anything using this key
          stops working immediately. This cannot be undone.
        </p>
        {needsPassphrase && (
          <div className="field">
            <label htmlFor={passphraseId}>API passphrase of this key</label>
            <input
              id={passphraseId}
              ref={passphraseRef}
              type="password"
              autoComplete="off"
              data-autofocus
              required
              value={keyPassphrase}
              onChange={(event) => setKeyPassphrase(event.target.value)}
            />
            <p className="hint">The exchange asks for the passphrase that was set when this key was created.</p>
          </div>
        )}
        {demoKeyPassphrase !== null && needsPassphrase && (
          <p className="demo-note">
            Demo keys use the passphrase <code>{demoKeyPassphrase}</code>
          </p>
        )}
        {revokesOwnConnection && (
          <label className="confirm-check">
            <input type="checkbox" checked={isOwnKeyConfirmed} onChange={(event) => setIsOwnKeyConfirmed(event.target.checked)} />
            <span>This is the key keyaudit itself signs with. I understand this connection stops working once it is revoked.</span>
          </label>
        )}
        {needsVaultPassphrase && <VaultPassphraseField value={vaultPassphrase} onChange={setVaultPassphrase} />}
        {revoke.isError && (
          <p role="alert" className="error-text">
            {revoke.error.message}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="button-secondary" onClick={onClose} disabled={revoke.isPending} data-autofocus={needsPassphrase ? undefined : true}>
            Cancel
          </button>
          <button type="submit" className="button-danger" disabled={revoke.isPending || (revokesOwnConnection && !isOwnKeyConfirmed)}>
            {revoke.isPending ? 'Revoking…' : 'Revoke key'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
