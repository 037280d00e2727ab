import type { KeyDeadline } from '@contract/key-deadline.ts';
import { formatCalendarDay } from '../../../utils/calendar-day.ts';

const DAY_MS = 24 * 3600_000;

const EFFECT: Record<KeyDeadline['effect'], string> = {
  deleted: 'Deleted by the exchange',
  'deleted-or-loses-trading': 'Deleted or loses trading',
  'loses-trading': 'Loses trading',
  expires: 'Expires',
};

const BASIS: Record<KeyDeadline['basis'], string> = {
  reported: 'date reported by the exchange',
  'last-used': 'counted from its last use the exchange reported',
  created: 'counted from its creation date',
  unknown: '',
};

/**
 * The countdown a key's detail shows for an exchange rule: "Deleted by the exchange in 5 days (Dec 9, 2026)",
 * or, when the rule's clock cannot be read, "Deleted by the exchange after 14 days unused; when is unknown".
 */
export function describeDeadline(deadline: KeyDeadline, nowMs: number, unusedDays: number | null = null): string {
  const effect = EFFECT[deadline.effect];
  if (deadline.dueAt === null) {
    const after = unusedDays === null ? 'under the exchange’s rule' : `after ${unusedDays} days unused`;
    return `${effect} ${after}; the exchange does not report what that counts from, so when is unknown`;
  }
  const dueMs = Date.parse(deadline.dueAt);
  const day = formatCalendarDay(deadline.dueAt);
  if (dueMs <= nowMs) return `${effect}: due ${day} (${BASIS[deadline.basis]}), and still listed`;
  const days = Math.ceil((dueMs - nowMs) / DAY_MS);
  return `${effect} in ${days} ${days === 1 ? 'day' : 'days'}, ${day} (${BASIS[deadline.basis]})`;
}

/** "14" out of "… after 14 days of inactivity …": the rule's own number, for the sentence without a date. */
export function unusedDaysIn(rule: string): number | null {
  const match = /after (\d+) days of inactivity/.exec(rule);
  return match ? Number(match[1]) : null;
}
