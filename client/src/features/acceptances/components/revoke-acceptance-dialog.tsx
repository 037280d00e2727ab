import type { AcceptanceView } from '@contract/acceptances.ts';
import { ModalDialog } from '../../../components/modal-dialog.tsx';
import { useRevokeAcceptance } from '../api/acceptances-api.ts';

type RevokeAcceptanceDialogProps = {
  acceptance: AcceptanceView;
  keyName: string;
  onClose: () => void;
  onRevoked: (message: string) => void;
  getFallbackFocus?: () => HTMLElement | null;
};

/** Asks once: the finding counts again at once. No passphrase: undoing an acceptance only makes the audit stricter. */
export function RevokeAcceptanceDialog({ acceptance, keyName, onClose, onRevoked, getFallbackFocus }: RevokeAcceptanceDialogProps) {
  const revoke = useRevokeAcceptance();
  return (
    <ModalDialog title="Revoke acceptance" onClose={onClose} isCloseBlocked={revoke.isPending} getFallbackFocus={getFallbackFocus}>
      <form
        className="modal-body"
        onSubmit={(event) => {
          event.preventDefault();
          revoke.mutate(acceptance.id, {
            onSuccess: () => {
              onRevoked(`Revoked the acceptance of ${acceptance.ruleTitle} on ${keyName}: the finding counts again.`);
              onClose();
            },
          });
        }}
      >
        <p>
          Stop accepting <strong>{acceptance.ruleTitle}</strong> on {keyName}? The finding counts again in the summary, the badges and
          the exit code from the next audit, which starts now.
        </p>
        {revoke.isError && (
          <p role="alert" className="error-text">
            {revoke.error.message}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="button-secondary" onClick={onClose} disabled={revoke.isPending} data-autofocus>
            Cancel
          </button>
          <button type="submit" className="button-danger" disabled={revoke.isPending}>
            {revoke.isPending ? 'Revoking…' : 'Revoke acceptance'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
