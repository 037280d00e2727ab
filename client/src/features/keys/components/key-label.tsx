import type { AuditedKey } from '@contract/audited-key.ts';
import { formatAbsoluteTime, formatRelativeTime } from '../../../utils/format-relative-time.ts';
import { keyDisplayName } from '../../../utils/key-display-name.ts';
import { StaleMark } from './stale-keys.tsx';
import { KeyAnnotationMarks } from './key-annotation-marks.tsx';

type KeyLabelProps = { keyInfo: AuditedKey; onOpenDetails: (key: AuditedKey) => void };

/**
 * The label as the button that opens the key's details (the row's keyboard stop), plus what else is
 * known about who uses the key and how fresh the listing is.
 */
export function KeyLabel({ keyInfo, onOpenDetails }: KeyLabelProps) {
  const observedAt = keyInfo.observedAt ? new Date(keyInfo.observedAt) : null;
  return (
    <>
      <button
        type="button"
        className="row-open"
        aria-label={`Show details of ${keyDisplayName(keyInfo)}`}
        aria-haspopup="dialog"
        onClick={() => onOpenDetails(keyInfo)}
      >
        {keyInfo.label.trim() || <span className="muted">(no label)</span>}
      </button>
      <StaleMark keyId={keyInfo.id} />
      {keyInfo.isDisabled && (
        <span className="badge badge-disabled" title="The exchange reports this key disabled: it does not work now, but it can be enabled again">
          disabled
        </span>
      )}
      <KeyAnnotationMarks keyId={keyInfo.id} />
      {keyInfo.isThirdPartyBound && (
        <span className="badge badge-third-party" title="The exchange says a third-party application is bound to this key: if that platform leaks, revoke it">
          linked to a third party
        </span>
      )}
      {observedAt && (
        <span className="cell-note" title={`The exchange meters this listing, so keyaudit reused the one read ${formatAbsoluteTime(observedAt)}`}>
          listed {formatRelativeTime(observedAt)}
        </span>
      )}
    </>
  );
}
