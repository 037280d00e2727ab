/** Milliseconds since the epoch as an ISO date, or null for what exchanges send when there is no date (0, -1, absent, garbage). */
export function isoDateFromMs(timestampMs: number | null | undefined): string | null {
  if (timestampMs === null || timestampMs === undefined || !Number.isFinite(timestampMs) || timestampMs <= 0) return null;
  const date = new Date(timestampMs);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
