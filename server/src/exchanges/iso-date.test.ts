import { describe, expect, it } from 'vitest';
import { isoDateFromMs } from './iso-date.ts';

describe(isoDateFromMs.name, () => {
  it('turns epoch milliseconds into an ISO date', () => {
    expect(isoDateFromMs(1728443843000)).toBe('2024-10-09T03:17:23.000Z');
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 8.64e15 + 1, null, undefined])('gives null for %s, which exchanges send for "no date"', (value) => {
    expect(isoDateFromMs(value)).toBeNull();
  });
});
