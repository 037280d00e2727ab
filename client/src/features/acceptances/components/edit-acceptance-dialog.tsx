import { useEffect, useId, useState, type FormEvent } from 'react';
import type { AcceptanceView } from '@contract/acceptances.ts';
import { ModalDialog } from '../../../components/modal-dialog.tsx';
import { utcDayFromNow } from '../../../utils/calendar-day.ts';
import { MAX_ACCEPTANCE_DAYS } from '../../findings/components/accept-risk-form.tsx';
import { isReauthRequired } from '../../revoke/api/revoke-key.ts';
import { useVaultPassphraseDue } from '../../vault/api/use-vault-passphrase-due.ts';
import { VaultPassphraseField } from '../../revoke/components/vault-passphrase-field.tsx';
import { useEditAcceptance } from '../api/acceptances-api.ts';

type EditAcceptanceDialogProps = {
  acceptance: AcceptanceView;
  /** The key in words, for the sentence at the top. */
  keyName: string;
  onClose: () => void;
  onSaved: (message: string) => void;
};

/** A new reason or end day; both are fresh decisions to accept, so the server may ask for the vault passphrase again. */
export function EditAcceptanceDialog({ acceptance, keyName, onClose, onSaved }: EditAcceptanceDialogProps) {
  const id = useId();
  const [reason, setReason] = useState(acceptance.reason);
  const [expiresAt, setExpiresAt] = useState(acceptance.expiresAt.slice(0, 10));
  const [problem, setProblem] = useState<string | null>(null);
  const [vaultPassphrase, setVaultPassphrase] = useState('');
  // Stays true once the server asked: the field must not vanish while the user retries.
  const [askPassphrase, setAskPassphrase] = useState(false);
  // Asked before Save when the recent-passphrase window has passed, not as an error after it.
  const isVaultPassphraseDue = useVaultPassphraseDue();
  useEffect(() => {
    if (isVaultPassphraseDue) setAskPassphrase(true);
  }, [isVaultPassphraseDue]);
  const edit = useEditAcceptance();
  const earliest = utcDayFromNow(1);
  const latest = utcDayFromNow(MAX_ACCEPTANCE_DAYS);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const invalid = validate(reason, expiresAt, earliest, latest);
    setProblem(invalid);
    if (invalid) return;
    const changes = {
      ...(reason.trim() !== acceptance.reason ? { reason: reason.trim() } : {}),
      ...(expiresAt !== acceptance.expiresAt.slice(0, 10) ? { expiresAt } : {}),
    };
    if (Object.keys(changes).length === 0) return onClose();
    edit.mutate(
      { id: acceptance.id, ...changes, vaultPassphrase: askPassphrase ? vaultPassphrase : undefined },
      {
        onSuccess: () => {
          onSaved(`Saved: ${acceptance.ruleTitle} on ${keyName} is accepted until ${expiresAt}.`);
          onClose();
        },
        onError: (failure) => isReauthRequired(failure) && setAskPassphrase(true),
      },
    );
  };

  const error = problem ?? (edit.isError ? edit.error.message : null);
  return (
    <ModalDialog title="Edit accepted risk" onClose={onClose} isCloseBlocked={edit.isPending}>
      <form className="modal-body" onSubmit={onSubmit} noValidate>
        <p>
          <strong>{acceptance.ruleTitle}</strong> on {keyName}.
        </p>
        <div className="field">
          <label htmlFor={`${id}-reason`}>Reason</label>
          <textarea id={`${id}-reason`} rows={3} maxLength={200} required data-autofocus value={reason} onChange={(event) => setReason(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-until`}>End date</label>
          <input id={`${id}-until`} type="date" required min={earliest} max={latest} value={expiresAt} onChange={(event) => setExpiresAt(event.target.value)} aria-describedby={`${id}-until-hint`} />
          <p id={`${id}-until-hint`} className="hint">
            At most one year from today; the finding counts again from that day.
          </p>
        </div>
        {askPassphrase && <VaultPassphraseField value={vaultPassphrase} onChange={setVaultPassphrase} purpose="changing an accepted risk" />}
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="button-secondary" onClick={onClose} disabled={edit.isPending}>
            Cancel
          </button>
          <button type="submit" className="button-primary" disabled={edit.isPending}>
            {edit.isPending ? 'Saving…' : 'Save changes'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

/** Plain-words check before sending; the server checks again. Dates compare as YYYY-MM-DD strings. */
function validate(reason: string, expiresAt: string, earliest: string, latest: string): string | null {
  if (!reason.trim()) return 'Give a reason: someone reading this later needs to know why the risk was accepted.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(expiresAt)) return 'Choose the day the acceptance ends.';
  if (expiresAt < earliest) return 'The acceptance must end after today.';
  if (expiresAt > latest) return 'The acceptance can last at most one year from today.';
  return null;
}
