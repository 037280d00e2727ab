import { useId } from 'react';
import type { AuditedKey } from '@contract/audited-key.ts';
import { describeAccount } from '../../../utils/describe-account.ts';
import { keyDisplayName } from '../../../utils/key-display-name.ts';
import { maskApiKey } from '../../../utils/mask-api-key.ts';
import type { RevokeOutcome } from '../api/bulk-revoke.ts';

type BulkRevokeItemProps = {
  keyInfo: AuditedKey;
  outcome: RevokeOutcome;
  /** Shown only for keys whose exchange wants the key's own passphrase, unless one is shared for all. */
  passphrase: { value: string; onChange: (value: string) => void } | null;
  isDisabled: boolean;
};

/** One key of the bulk confirmation: which key, its passphrase if needed, and then what happened. */
export function BulkRevokeItem({ keyInfo, outcome, passphrase, isDisabled }: BulkRevokeItemProps) {
  const fieldId = useId();
  const name = keyDisplayName(keyInfo);
  return (
    <li className={`bulk-item bulk-item-${outcome.status}`}>
      <div className="bulk-item-key">
        <strong>{name}</strong> <span className="muted">{describeAccount(keyInfo.account, keyInfo.exchange)}</span>{' '}
        <code>{maskApiKey(keyInfo.apiKey)}</code>
      </div>
      {passphrase && outcome.status !== 'revoked' && (
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
            value={passphrase.value}
            onChange={(event) => passphrase.onChange(event.target.value)}
          />
        </div>
      )}
      <OutcomeText outcome={outcome} />
    </li>
  );
}

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
