import { useEffect, useState, type FormEvent } from 'react';
import type { AuditedKey } from '@contract/audited-key.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import { ModalDialog } from '../../../components/modal-dialog.tsx';
import { describeAccount } from '../../../utils/describe-account.ts';
import { keyDisplayName } from '../../../utils/key-display-name.ts';
import { isReauthRequired } from '../../revoke/api/revoke-key.ts';
import { useVaultPassphraseDue } from '../../vault/api/use-vault-passphrase-due.ts';
import { VaultPassphraseField } from '../../revoke/components/vault-passphrase-field.tsx';
import { useDisableKey } from '../api/disable-key.ts';

type DisableKeyDialogProps = {
  keyInfo: AuditedKey;
  onClose: () => void;
  /** Called once the exchange answered, with a sentence to show and announce. */
  onDisabled: (message: string) => void;
  /** Where focus goes on close when the Disable button is gone (the key is disabled now). */
  getFallbackFocus?: () => HTMLElement | null;
};

/** Confirms a disable, saying how it differs from a revoke; asks for the vault passphrase when the server wants it again. */
export function DisableKeyDialog({ keyInfo, onClose, onDisabled, getFallbackFocus }: DisableKeyDialogProps) {
  const [vaultPassphrase, setVaultPassphrase] = useState('');
  // Stays true once the server asked: the field must not vanish while the user retries.
  const [needsVaultPassphrase, setNeedsVaultPassphrase] = useState(false);
  // Asked before Disable when the recent-passphrase window has passed, not as an error after it.
  const isVaultPassphraseDue = useVaultPassphraseDue();
  useEffect(() => {
    if (isVaultPassphraseDue) setNeedsVaultPassphrase(true);
  }, [isVaultPassphraseDue]);
  const disable = useDisableKey();
  const name = keyDisplayName(keyInfo);
  const account = describeAccount(keyInfo.account, keyInfo.exchange);
  const exchange = exchangeInfo(keyInfo.exchange);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    disable.mutate(
      { keyId: keyInfo.id, vaultPassphrase: needsVaultPassphrase ? vaultPassphrase : undefined },
      {
        onSuccess: (result) => {
          onDisabled(`Disabled ${name} (${account}) on ${exchange.name}: it stays listed, marked disabled${result.message ? `. ${result.message}` : '.'}`);
          onClose();
        },
        onError: (error) => {
          if (isReauthRequired(error)) setNeedsVaultPassphrase(true);
        },
      },
    );
  };

  return (
    <ModalDialog title="Disable API key" onClose={onClose} isCloseBlocked={disable.isPending} getFallbackFocus={getFallbackFocus}>
      <form onSubmit={onSubmit} className="modal-body">
        <p>
          Disable <strong>{name}</strong> (<code>{maskApiKey(keyInfo.apiKey)}</code>) on {account}?
        </p>
        <ul className="disable-compare">
          <li>
            <strong>Disable</strong>: anything using this key stops working at once, but the key is kept and can be enabled
            again on{' '}
            <a href={exchange.manageKeysUrl} target="_blank" rel="noreferrer">
              {exchange.name}&apos;s API page
            </a>
            . Its findings stay, since it could be enabled again.
          </li>
          <li>
            <strong>Revoke</strong>: deletes the key for good.
          </li>
        </ul>
        {needsVaultPassphrase && <VaultPassphraseField value={vaultPassphrase} onChange={setVaultPassphrase} purpose="disabling" />}
        {disable.isError && (
          <p role="alert" className="error-text">
            {disable.error.message}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="button-secondary" onClick={onClose} disabled={disable.isPending} data-autofocus>
            Cancel
          </button>
          <button type="submit" className="button-danger" disabled={disable.isPending}>
            {disable.isPending ? 'Disabling…' : 'Disable key'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
