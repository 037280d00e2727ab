import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Finding } from '@contract/finding.ts';
import { utcDayFromNow } from '../../../utils/calendar-day.ts';
import { useAcceptFinding } from '../api/accept-finding.ts';
import { isReauthRequired } from '../../revoke/api/revoke-key.ts';
import { VaultPassphraseField } from '../../revoke/components/vault-passphrase-field.tsx';
import { useVaultPassphraseDue } from '../../vault/api/use-vault-passphrase-due.ts';

export const DEFAULT_ACCEPTANCE_DAYS = 90;
export const MAX_ACCEPTANCE_DAYS = 365;

type AcceptRiskFormProps = { finding: Finding; onDone: (accepted: boolean) => void };

/**
 * Accepting a risk needs a reason and an end date: there is no permanent acceptance (RULES.md),
 * so the finding comes back on its own when the date passes.
 */
export function AcceptRiskForm({ finding, onDone }: AcceptRiskFormProps) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [expiresAt, setExpiresAt] = useState(() => utcDayFromNow(DEFAULT_ACCEPTANCE_DAYS));
  const [problem, setProblem] = useState<string | null>(null);
  const [vaultPassphrase, setVaultPassphrase] = useState('');
  const [askPassphrase, setAskPassphrase] = useState(false);
  // Asked before Accept when the recent-passphrase window has passed, not as an error after it.
  const isVaultPassphraseDue = useVaultPassphraseDue();
  useEffect(() => {
    if (isVaultPassphraseDue) setAskPassphrase(true);
  }, [isVaultPassphraseDue]);
  const accept = useAcceptFinding();
  const earliest = utcDayFromNow(1);
  const latest = utcDayFromNow(MAX_ACCEPTANCE_DAYS);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const invalid = validate(reason, expiresAt, earliest, latest);
    setProblem(invalid);
    if (invalid) return;
    accept.mutate(
      { keyId: finding.keyId, ruleId: finding.ruleId, reason: reason.trim(), expiresAt, vaultPassphrase: askPassphrase ? vaultPassphrase : undefined },
      { onSuccess: () => onDone(true), onError: (failure) => isReauthRequired(failure) && setAskPassphrase(true) },
    );
  };

  const error = problem ?? (accept.isError ? accept.error.message : null);
  return (
    <form
      className="accept-form"
      onSubmit={onSubmit}
      aria-label={`Accept risk: ${finding.title}`}
      noValidate
      // Escape leaves this form, not the whole key details panel around it.
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || accept.isPending) return;
        event.stopPropagation();
        onDone(false);
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reason</label>
        <textarea id={`${id}-reason`} rows={2} maxLength={200} required autoFocus value={reason} onChange={(event) => setReason(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-until`}>Accept until</label>
        <input id={`${id}-until`} type="date" required min={earliest} max={latest} value={expiresAt} onChange={(event) => setExpiresAt(event.target.value)} />
        <p className="hint">At most one year; the finding counts again from that day.</p>
      </div>
      {askPassphrase && <VaultPassphraseField value={vaultPassphrase} onChange={setVaultPassphrase} purpose="accepting a risk" />}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={accept.isPending}>
          {accept.isPending ? 'Saving…' : 'Accept risk'}
        </button>
        <button type="button" className="button-secondary" onClick={() => onDone(false)} disabled={accept.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Plain-words check before sending; the server checks again. Dates compare as YYYY-MM-DD strings. */
function validate(reason: string, expiresAt: string, earliest: string, latest: string): string | null {
  if (!reason.trim()) return 'Give a reason: someone reading this later needs to know why the risk was accepted.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(expiresAt)) return 'Choose the day the acceptance ends.';
  if (expiresAt < earliest) return 'The acceptance must end after today.';
  if (expiresAt > latest) return 'The acceptance can last at most one year.';
  return null;
}
