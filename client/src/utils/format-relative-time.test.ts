import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './format-relative-time.ts';

const nowMs = Date.parse('2025-06-15T12:00:00Z');

describe(formatRelativeTime.name, () => {
  it.each([
    ['2025-03-10T12:00:00Z', '3 months ago'],
    ['2024-05-01T12:00:00Z', '1.1 years ago'],
    // 380 and 500 days: the year keeps a decimal, so they read apart.
    ['2024-05-31T12:00:00Z', '1 year ago'],
    ['2024-02-01T12:00:00Z', '1.3 years ago'],
    ['2025-06-14T11:00:00Z', 'yesterday'],
    ['2025-06-15T09:00:00Z', '3 hours ago'],
    ['2025-06-15T11:59:30Z', 'just now'],
    ['2025-06-17T12:00:00Z', 'in 2 days'],
  ])('formats %s as "%s"', (iso, expected) => {
    expect(formatRelativeTime(new Date(iso), nowMs)).toBe(expected);
  });
});
