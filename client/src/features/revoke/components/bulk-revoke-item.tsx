import { memo, useId } from 'react';
import type { AuditedKey } from '@contract/audited-key.ts';
import { describeAccount } from '../../../utils/describe-account.ts';
import { keyDisplayName } from '../../../utils/key-display-name.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import type { RevokeOutcome } from '../api/bulk-revoke.ts';

type BulkRevokeItemProps = {
  keyInfo: AuditedKey;
  outcome: RevokeOutcome;
  /** Null when no field is shown: the exchange needs no passphrase, or one is shared for all. */
  passphrase: string | null;
  /** Stable across renders, with `memo` below: typing in one field re-renders one item, not thousands. */
  onPassphraseChange: (keyId: string, value: string) => void;
  isDisabled: boolean;
};

/** One key of the bulk confirmation: which key, its passphrase if needed, and then what happened. */
export const BulkRevokeItem = memo(function BulkRevokeItem({ keyInfo, outcome, passphrase, onPassphraseChange, isDisabled }: BulkRevokeItemProps) {
  const fieldId = useId();
  const name = keyDisplayName(keyInfo);
  return (
    <li className={`bulk-item bulk-item-${outcome.status}`}>
      <div className="bulk-item-key">
        <strong>{name}</strong> <span className="muted">{describeAccount(keyInfo.account, keyInfo.exchange)}</span>{' '}
        <code>{maskApiKey(keyInfo.apiKey)}</code>
      </div>
      {passphrase !== null && outcome.status !== 'revoked' && (
        <div className="bulk-item-field">
          <label htmlFor={fieldId}>
            API passphrase<span className="visually-hidden"> of {name}</span>
          </label>
          <input
            id={fieldId}
            type="password"
            autoComplete="off"
            required
            disabled={isDisabled}
            value={passphrase}
            onChange={(event) => onPassphraseChange(keyInfo.id, event.target.value)}
          />
        </div>
      )}
      <OutcomeText outcome={outcome} />
    </li>
  );
});

function OutcomeText({ outcome }: { outcome: RevokeOutcome }) {
  switch (outcome.status) {
    case 'revoked':
      return <p className="bulk-outcome success-text">Revoked</p>;
    case 'failed':
      return <p className="bulk-outcome error-text">Failed: {outcome.message}</p>;
    case 'revoking':
      return <p className="bulk-outcome muted">Revoking…</p>;
    default:
      return null;
  }
}
