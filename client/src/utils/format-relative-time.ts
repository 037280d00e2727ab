const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const yearsFormat = new Intl.RelativeTimeFormat('en', { numeric: 'always' });
const YEAR_MS = 365 * 24 * 3600_000;
const absoluteFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/**
 * "3 months ago", "in 2 days", "now": the largest unit that fits, rounded toward zero. Years keep a decimal
 * ("1.4 years ago"): a key 380 and one 500 days old must not both read "last year".
 */
export function formatRelativeTime(date: Date, nowMs: number = Date.now()): string {
  const diffMs = date.getTime() - nowMs;
  if (Math.abs(diffMs) >= YEAR_MS) return yearsFormat.format(Math.trunc((diffMs / YEAR_MS) * 10) / 10, 'year');
  for (const [unit, unitMs] of UNITS) {
    const amount = Math.trunc(diffMs / unitMs);
    if (amount !== 0) return relativeFormat.format(amount, unit);
  }
  return 'just now';
}

/** "Mar 4, 2025, 2:05 PM" in the browser's time zone. */
export function formatAbsoluteTime(date: Date): string {
  return absoluteFormat.format(date);
}
