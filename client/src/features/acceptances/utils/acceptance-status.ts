import type { AcceptanceView } from '@contract/acceptances.ts';

/** An acceptance ending within this many days is "expiring soon", as the Keys view's Expires filter counts keys. */
export const ACCEPTANCE_EXPIRING_DAYS = 14;
const DAY_MS = 24 * 3600_000;

/**
 * What the Status column says. An acceptance that no longer covers a key (key gone, or an old entry that names no single
 * key) says that first: it silences nothing, whatever its date. Otherwise its date decides.
 */
export type AcceptanceStatus = 'active' | 'expiring' | 'expired' | 'key-gone' | 'not-read' | 'unscoped';

export function acceptanceStatus(acceptance: AcceptanceView, nowMs: number): AcceptanceStatus {
  if (acceptance.match !== 'listed' && acceptance.match !== 'not-read') return acceptance.match;
  const endsMs = Date.parse(acceptance.expiresAt);
  if (endsMs <= nowMs) return 'expired';
  if (endsMs - nowMs <= ACCEPTANCE_EXPIRING_DAYS * DAY_MS) return 'expiring';
  return acceptance.match === 'not-read' ? 'not-read' : 'active';
}

export const ACCEPTANCE_STATUS_LABELS: Record<AcceptanceStatus, string> = {
  active: 'Active',
  expiring: `Expires within ${ACCEPTANCE_EXPIRING_DAYS} days`,
  expired: 'Expired',
  'key-gone': 'Key no longer listed',
  'not-read': 'Active (key not read in this audit)',
  unscoped: 'Matches no key',
};

/** Soonest end first (what needs a decision next); ties by rule title, so the order never jumps. */
export function sortByEndDate(acceptances: readonly AcceptanceView[]): AcceptanceView[] {
  return [...acceptances].sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt) || a.ruleTitle.localeCompare(b.ruleTitle) || (a.id < b.id ? -1 : 1));
}

/** Acceptances that still silence a finding (or would, once their key is read): what the nav item counts. */
export function countInForce(acceptances: readonly AcceptanceView[], nowMs: number): number {
  return acceptances.filter((acceptance) => ['active', 'expiring', 'not-read'].includes(acceptanceStatus(acceptance, nowMs))).length;
}
