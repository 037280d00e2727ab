import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import { describeAccount } from '../../../utils/describe-account.ts';
import { keyDisplayName } from '../../../utils/key-display-name.ts';
import { useRevokeGate } from './revoke-gate.ts';

type RevokeActionProps = {
  keyInfo: AuditedKey;
  onRevoke: (key: AuditedKey) => void;
  /** Set while revoking cannot be offered: the button is disabled, this is its tooltip. Defaults to the revoke gate's answer for this key. */
  unavailableReason?: string | null;
};

/** A Revoke button where the API allows it; otherwise why not, and where to do it by hand. */
export function RevokeAction({ keyInfo, onRevoke, unavailableReason: given = null }: RevokeActionProps) {
  const gate = useRevokeGate();
  const unavailableReason = given ?? gate(keyInfo);
  const { revocability } = keyInfo;
  if (revocability.canRevoke) {
    return (
      <button
        type="button"
        className="button-danger-outline"
        aria-label={`Revoke ${keyDisplayName(keyInfo)} (${describeAccount(keyInfo.account, keyInfo.exchange)})`}
        onClick={() => onRevoke(keyInfo)}
        disabled={unavailableReason !== null}
        title={unavailableReason ?? undefined}
      >
        Revoke
      </button>
    );
  }
  return (
    <div className="revoke-unavailable">
      {/* Clamped to two lines in the table; the full reason is in the tooltip and the key's details. */}
      <span className="muted revoke-reason" title={revocability.reason}>
        {revocability.reason}
      </span>{' '}
      {revocability.manageUrl && (
        <a href={revocability.manageUrl} target="_blank" rel="noreferrer">
          Manage on {EXCHANGE_NAMES[keyInfo.exchange]}
        </a>
      )}
    </div>
  );
}
