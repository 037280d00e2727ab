import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { AuditedKey } from '@contract/audited-key.ts';
import { ModalDialog } from '../../../components/modal-dialog.tsx';
import { describeAccount } from '../../../utils/describe-account.ts';
import { keyDisplayName } from '../../../utils/key-display-name.ts';
import { useBulkRevoke, type RevokeOutcome } from '../api/bulk-revoke.ts';
import { BulkRevokeItem } from './bulk-revoke-item.tsx';
import { splitRevocable } from './split-revocable.ts';
import { VaultPassphraseField } from './vault-passphrase-field.tsx';
import { useVaultPassphraseDue } from '../../vault/api/use-vault-passphrase-due.ts';

type BulkRevokeDialogProps = {
  keys: readonly AuditedKey[];
  demoKeyPassphrase: string | null;
  /**
   * With a sentence to announce when a run was made (null when it was cancelled before), and the keys that run is
   * done with — revoked, or skipped as not revocable here — to take out of the selection. Keys that failed stay in it.
   */
  onClose: (announcement: string | null, done: readonly string[]) => void;
  getFallbackFocus?: () => HTMLElement | null;
};

const WAITING: RevokeOutcome = { status: 'waiting' };
const plural = (count: number) => `${count} ${count === 1 ? 'key' : 'keys'}`;

/** One confirmation for many keys; then each is revoked in turn and its result shown in place. */
export function BulkRevokeDialog({ keys, demoKeyPassphrase, onClose, getFallbackFocus }: BulkRevokeDialogProps) {
  const { revocable, skipped } = useMemo(() => splitRevocable(keys), [keys]);
  const [passphrases, setPassphrases] = useState<Record<string, string>>({});
  const [isSameForAll, setIsSameForAll] = useState(false);
  const [sharedPassphrase, setSharedPassphrase] = useState('');
  const [vaultPassphrase, setVaultPassphrase] = useState('');
  const bulk = useBulkRevoke();
  const isVaultPassphraseDue = useVaultPassphraseDue();
  const { requireVaultPassphrase } = bulk;
  useEffect(() => {
    if (isVaultPassphraseDue && !bulk.isRunning) requireVaultPassphrase();
  }, [isVaultPassphraseDue, bulk.isRunning, requireVaultPassphrase]);
  const needsPassphrase = (key: AuditedKey) => key.revocability.how === 'api-needs-key-passphrase';
  const outcomeOf = (key: AuditedKey) => bulk.outcomes[key.id] ?? WAITING;
  const onPassphraseChange = useCallback((keyId: string, value: string) => setPassphrases((previous) => ({ ...previous, [keyId]: value })), []);
  const remaining = revocable.filter((key) => outcomeOf(key).status !== 'revoked');
  // Only keys still to revoke ask for a passphrase; once all are done, the fields go.
  const passphraseCount = remaining.filter(needsPassphrase).length;
  const usesSharedPassphrase = isSameForAll && passphraseCount > 1;
  const revokedCount = revocable.length - remaining.length;
  const hasStarted = Object.keys(bulk.outcomes).length > 0;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void bulk.run(
      remaining.map((key) => ({
        keyId: key.id,
        keyPassphrase: needsPassphrase(key) ? (usesSharedPassphrase ? sharedPassphrase : (passphrases[key.id] ?? '')) : undefined,
      })),
      vaultPassphrase,
    );
  };
  const failedCount = revocable.filter((key) => outcomeOf(key).status === 'failed').length;
  const close = () => {
    if (!hasStarted) return onClose(null, skipped.length === keys.length ? keys.map((key) => key.id) : []);
    const done = [...revocable.filter((key) => outcomeOf(key).status === 'revoked'), ...skipped.map(({ keyInfo }) => keyInfo)].map((key) => key.id);
    const failed = failedCount > 0 ? `; ${failedCount} could not be revoked and ${failedCount === 1 ? 'stays' : 'stay'} selected` : '';
    onClose(`Revoked ${revokedCount} of ${plural(revocable.length)}${failed}`, done);
  };
  // Never "Revoke 0 keys": with nothing keyaudit can revoke, the heading says so and the reasons follow.
  const title =
    revocable.length > 0
      ? `Revoke ${plural(revocable.length)}`
      : keys.length === 1
        ? 'The selected key cannot be revoked by keyaudit'
        : `None of the ${keys.length} selected keys can be revoked by keyaudit`;

  return (
    <ModalDialog title={title} onClose={close} isCloseBlocked={bulk.isRunning} getFallbackFocus={getFallbackFocus} isWide>
      <form onSubmit={onSubmit} className="modal-body">
        {revocable.length > 0 ? (
          <p>Anything using these keys stops working immediately. This cannot be undone.</p>
        ) : (
          <p>Revoke {keys.length === 1 ? 'it' : 'them'} on the exchange's website; why, for each key, is below. Closing takes {keys.length === 1 ? 'it' : 'them'} out of the selection.</p>
        )}
        {passphraseCount > 1 && (
          <label className="inline-check">
            <input type="checkbox" checked={isSameForAll} disabled={bulk.isRunning} onChange={(event) => setIsSameForAll(event.target.checked)} />
            Use the same passphrase for all
          </label>
        )}
        {usesSharedPassphrase && (
          <div className="field">
            <label htmlFor="bulk-shared-passphrase">API passphrase for all keys</label>
            <input id="bulk-shared-passphrase" type="password" autoComplete="off" required disabled={bulk.isRunning} value={sharedPassphrase} onChange={(event) => setSharedPassphrase(event.target.value)} />
          </div>
        )}
        {demoKeyPassphrase !== null && passphraseCount > 0 && (
          <p className="demo-note">
            Demo keys use the passphrase <code>{demoKeyPassphrase}</code>
          </p>
        )}
        <div className="bulk-scroll">
          {revocable.length > 0 && (
            <ol className="bulk-list" aria-label="Keys to revoke">
              {revocable.map((key) => (
                <BulkRevokeItem
                  key={key.id}
                  keyInfo={key}
                  outcome={outcomeOf(key)}
                  isDisabled={bulk.isRunning}
                  passphrase={needsPassphrase(key) && !usesSharedPassphrase ? (passphrases[key.id] ?? '') : null}
                  onPassphraseChange={onPassphraseChange}
                />
              ))}
            </ol>
          )}
          {skipped.length > 0 && (
            <section aria-labelledby="bulk-skipped-title" className="bulk-skipped">
              <h3 id="bulk-skipped-title">Skipped: cannot be revoked here ({skipped.length})</h3>
              <ul aria-labelledby="bulk-skipped-title">
                {skipped.map(({ keyInfo, reason }) => (
                  <li key={keyInfo.id}>
                    <strong>{keyDisplayName(keyInfo)}</strong> <span className="muted">{describeAccount(keyInfo.account, keyInfo.exchange)}</span>: {reason}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
        {bulk.needsVaultPassphrase && remaining.length > 0 && <VaultPassphraseField value={vaultPassphrase} onChange={setVaultPassphrase} />}
        {bulk.runError && (
          <p role="alert" className="error-text">
            {bulk.runError}
          </p>
        )}
        <p role="status" className="bulk-progress">
          {describeProgress(bulk.isRunning, hasStarted, revokedCount, revocable.length, remaining.length, bulk.needsVaultPassphrase)}
        </p>
        <div className="modal-actions">
          <button type="button" className="button-secondary" onClick={close} disabled={bulk.isRunning} data-autofocus={passphraseCount === 0 ? true : undefined}>
            {hasStarted ? 'Close' : 'Cancel'}
          </button>
          {remaining.length > 0 && (
            <button type="submit" className="button-danger" disabled={bulk.isRunning}>
              {bulk.isRunning ? 'Revoking…' : hasStarted ? `Retry ${plural(remaining.length)}` : `Revoke ${plural(remaining.length)}`}
            </button>
          )}
        </div>
      </form>
    </ModalDialog>
  );
}

function describeProgress(isRunning: boolean, hasStarted: boolean, revoked: number, total: number, remaining: number, needsVault: boolean): string {
  if (!hasStarted) return '';
  if (isRunning) return `Revoking… ${revoked} of ${total} done`;
  if (needsVault) return `Revoked ${revoked} of ${total}. Enter the vault passphrase to go on with the other ${remaining}.`;
  return remaining === 0 ? `Revoked all ${plural(total)}.` : `Revoked ${revoked} of ${total}. ${remaining} failed.`;
}
