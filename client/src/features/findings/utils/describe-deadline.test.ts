import { describe, expect, it } from 'vitest';
import type { KeyDeadline } from '@contract/key-deadline.ts';
import { describeDeadline, unusedDaysIn } from './describe-deadline.ts';

const NOW = Date.parse('2026-12-04T12:00:00Z');
const base: KeyDeadline = {
  ruleId: 'r',
  effect: 'deleted',
  dueAt: null,
  basis: 'unknown',
  rule: 'OKX expires API keys that have trade or withdraw permission and are not linked to an IP address after 14 days of inactivity (demo-trading keys are exempt).',
  sourceUrl: 'https://www.okx.com/docs-v5/en/#overview-api-key-creation',
  readOn: '2026-12-04',
};

describe('describeDeadline', () => {
  it('says when is unknown for an inactivity rule without a last use', () => {
    expect(describeDeadline(base, NOW, unusedDaysIn(base.rule))).toBe('Deleted by the exchange after 14 days unused; the exchange does not report what that counts from, so when is unknown');
  });

  it('counts whole days up to the due date, with where the date comes from', () => {
    expect(describeDeadline({ ...base, effect: 'loses-trading', dueAt: '2026-12-09T00:00:00.000Z', basis: 'reported' }, NOW)).toBe('Loses trading in 5 days, Dec 9, 2026 (date reported by the exchange)');
    expect(describeDeadline({ ...base, effect: 'expires', dueAt: '2026-12-05T00:00:00.000Z', basis: 'created' }, NOW)).toBe('Expires in 1 day, Dec 5, 2026 (counted from its creation date)');
  });

  it('says a passed date is passed while the key is still listed', () => {
    expect(describeDeadline({ ...base, dueAt: '2026-12-01T00:00:00.000Z', basis: 'last-used' }, NOW)).toContain('still listed');
  });
});
