import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import { HELD_BY_KEYAUDIT } from './api-key-cell.tsx';

/**
 * Who holds the key and what could not be seen of it, at the top of its details: whether keyaudit holds it, whether
 * a third-party application is bound to it, and what the exchange did not say. Nothing when there is nothing to say.
 */
export function KeyMarkers({ keyInfo }: { keyInfo: AuditedKey }) {
  const exchange = EXCHANGE_NAMES[keyInfo.exchange];
  const markers: Array<{ id: string; badge: string; className: string; text: string }> = [];
  if (keyInfo.isCallingKey) markers.push({ id: 'held', badge: 'held by keyaudit', className: 'badge-calling', text: HELD_BY_KEYAUDIT });
  if (keyInfo.isDisabled) {
    markers.push({
      id: 'disabled', badge: 'disabled', className: 'badge-disabled',
      text: `${exchange} reports this key disabled: it does not work now, but it can be enabled again on ${exchange}'s API page, so its findings stand.`,
    });
  }
  if (keyInfo.isThirdPartyBound) {
    markers.push({
      id: 'third-party', badge: 'linked to a third party', className: 'badge-third-party',
      text: `${exchange} says a third-party application is bound to this key: that platform can use it. If the platform leaks, revoke the key.`,
    });
  }
  if (keyInfo.unreported?.includes('withdraw')) {
    markers.push({
      id: 'withdraw', badge: 'withdraw not reported', className: 'badge-unknown',
      text: `${exchange} does not report whether this key can withdraw, so keyaudit does not count it as read-only. Check it on ${exchange}'s API page.`,
    });
  }
  if (keyInfo.unread?.includes('ip-whitelist')) {
    markers.push({
      id: 'whitelist', badge: 'whitelist unknown', className: 'badge-unknown',
      text: `${exchange} did not answer when keyaudit read this key's IP whitelist: it may have none. Audit again to read it.`,
    });
  }
  if (markers.length === 0) return null;
  return (
    <ul className="key-markers" aria-label="About this key">
      {markers.map((marker) => (
        <li key={marker.id}>
          <span className={`badge ${marker.className}`}>{marker.badge}</span> {marker.text}
        </li>
      ))}
    </ul>
  );
}
