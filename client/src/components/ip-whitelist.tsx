import type { IpWhitelist as IpWhitelistValue } from '@contract/audited-key.ts';

const SHOWN_ADDRESSES = 3;

/** The key's IP whitelist, or a red warning when the key works from anywhere. */
export function IpWhitelist({ whitelist, isUnread = false, notReportedBy }: {
  whitelist: IpWhitelistValue;
  isUnread?: boolean;
  /** The exchange's name where its API never reports whitelists (ExchangeKey.unreported): said, never shown as any IP. */
  notReportedBy?: string;
}) {
  // A read that failed is not a whitelist the exchange keeps to itself: it may be none at all, so it is flagged.
  if (isUnread) {
    return (
      <span className="warning-unknown" title="The exchange did not answer when keyaudit read this key's IP whitelist: it may have none. Audit again.">
        <span aria-hidden="true">? </span>Whitelist unknown
      </span>
    );
  }
  if (whitelist === 'unknown') {
    return (
      <span className="muted" title="The exchange does not report this key's IP whitelist">
        {notReportedBy ? `Unknown (not reported by ${notReportedBy})` : 'Unknown'}
      </span>
    );
  }
  if (whitelist === null || whitelist.length === 0) {
    return (
      <span className="warning-any-ip" title="No IP whitelist: this key works from any IP address">
        <span aria-hidden="true">⚠ </span>Any IP
      </span>
    );
  }
  const hidden = whitelist.length - SHOWN_ADDRESSES;
  return (
    <span className="ip-list" title={whitelist.join(', ')}>
      {whitelist.slice(0, SHOWN_ADDRESSES).join(', ')}
      {hidden > 0 && <span className="muted"> +{hidden} more</span>}
    </span>
  );
}
