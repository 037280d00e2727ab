const DAY_MS = 24 * 3600_000;
const dayFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });

/**
 * "2027-01-01", `days` after today, in UTC: the server compares acceptance end dates with its UTC
 * date, so the form's limits must use the same calendar.
 */
export function utcDayFromNow(days: number, nowMs: number = Date.now()): string {
  return new Date(nowMs + days * DAY_MS).toISOString().slice(0, 10);
}

/** "Jan 1, 2027" for a day ("2027-01-01") or a date-time; the day itself, unchanged, if unparseable. */
export function formatCalendarDay(value: string): string {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? value : dayFormat.format(date);
}
