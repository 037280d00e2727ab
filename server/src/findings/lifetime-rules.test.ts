import { describe, expect, it } from 'vitest';
import type { AuditedKey } from '@contract/audited-key.ts';
import { expiredButListed, expiresSoon, keyOlderThanThreshold } from './lifetime-rules.ts';
import { TEST_NOW_MS, makeKey, testContext } from './make-test-key.ts';

const DAY_MS = 86_400_000;
const daysFromNow = (days: number) => new Date(TEST_NOW_MS + days * DAY_MS).toISOString();

type Row = { name: string; key: AuditedKey; fires: boolean };

const ageRows: Row[] = [
  { name: 'created 181 days ago', key: makeKey({ createdAt: daysFromNow(-181) }), fires: true },
  { name: 'created 180 days and 1 ms ago', key: makeKey({ createdAt: new Date(TEST_NOW_MS - 180 * DAY_MS - 1).toISOString() }), fires: true },
  { name: 'created exactly 180 days ago', key: makeKey({ createdAt: daysFromNow(-180) }), fires: false },
  { name: 'created yesterday', key: makeKey({ createdAt: daysFromNow(-1) }), fires: false },
  { name: 'creation date unknown', key: makeKey({ createdAt: null }), fires: false },
];

const expiresSoonRows: Row[] = [
  { name: 'expires in 1 hour', key: makeKey({ expiresAt: new Date(TEST_NOW_MS + 3_600_000).toISOString() }), fires: true },
  { name: 'expires in exactly 14 days', key: makeKey({ expiresAt: daysFromNow(14) }), fires: true },
  { name: 'expires in 15 days', key: makeKey({ expiresAt: daysFromNow(15) }), fires: false },
  { name: 'expired already', key: makeKey({ expiresAt: daysFromNow(-1) }), fires: false },
  { name: 'expires right now', key: makeKey({ expiresAt: daysFromNow(0) }), fires: false },
  { name: 'no expiry', key: makeKey({ expiresAt: null }), fires: false },
];

const expiredRows: Row[] = [
  { name: 'expired yesterday', key: makeKey({ expiresAt: daysFromNow(-1) }), fires: true },
  { name: 'expires right now', key: makeKey({ expiresAt: daysFromNow(0) }), fires: true },
  { name: 'expires tomorrow', key: makeKey({ expiresAt: daysFromNow(1) }), fires: false },
  { name: 'no expiry', key: makeKey({ expiresAt: null }), fires: false },
];

describe.each([
  { rule: keyOlderThanThreshold, rows: ageRows },
  { rule: expiresSoon, rows: expiresSoonRows },
  { rule: expiredButListed, rows: expiredRows },
])('$rule.id', ({ rule, rows }) => {
  it.each(rows)('$name → fires: $fires', ({ key, fires }) => {
    expect(rule.evaluate(key, testContext) !== null).toBe(fires);
  });
});

describe('lifetime thresholds', () => {
  it('key-older-than-threshold follows maxKeyAgeDays and says the age and the limit', () => {
    const key = makeKey({ createdAt: daysFromNow(-40) });
    const strict = { ...testContext, thresholds: { ...testContext.thresholds, maxKeyAgeDays: 30 } };
    expect(keyOlderThanThreshold.evaluate(key, testContext)).toBeNull();
    const why = keyOlderThanThreshold.evaluate(key, strict)?.why ?? '';
    expect(why).toContain('40 days ago');
    expect(why).toContain('allows 30 days');
  });

  it('expires-soon follows expiresSoonDays and says the date', () => {
    const key = makeKey({ expiresAt: daysFromNow(20) });
    const wide = { ...testContext, thresholds: { ...testContext.thresholds, expiresSoonDays: 30 } };
    expect(expiresSoon.evaluate(key, testContext)).toBeNull();
    expect(expiresSoon.evaluate(key, wide)?.why).toContain('expires on 2026-06-21, in 20 days');
  });
});
