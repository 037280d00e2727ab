import type { AuditedKey } from '@contract/audited-key.ts';
import { formatAbsoluteTime, formatRelativeTime } from '../../../utils/format-relative-time.ts';

/** The label, plus what else is known about who uses the key and how fresh the listing is. */
export function KeyLabel({ keyInfo }: { keyInfo: AuditedKey }) {
  const observedAt = keyInfo.observedAt ? new Date(keyInfo.observedAt) : null;
  return (
    <>
      {keyInfo.label.trim() || <span className="muted">(no label)</span>}
      {keyInfo.isThirdPartyBound && (
        <span className="badge badge-third-party" title="Bound to a third-party application on the exchange">
          third-party app
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
