import { describe, expect, it } from 'vitest';
import type { AuditedKey } from '@contract/audited-key.ts';
import { EXCHANGE_IDS } from '@contract/exchange-id.ts';
import { EXCHANGE_KEY_RULES, keyDeadlines } from './exchange-key-rules.ts';
import { exchangeMayDelete, expiresSoon } from './lifetime-rules.ts';
import { TEST_NOW_MS, grant, makeKey, testContext } from './make-test-key.ts';

const DAY_MS = 86_400_000;
const daysFromNow = (days: number) => new Date(TEST_NOW_MS + days * DAY_MS).toISOString();
const trader = { permissions: ['General', 'Spot'], capabilities: [grant('read', 'General'), grant('trade-spot', 'Spot')] };

describe('the exchange rules table', () => {
  it('has an entry for every exchange: rules with an official https source and the day they were read, or a note saying there are none', () => {
    for (const exchange of EXCHANGE_IDS) {
      const entry = EXCHANGE_KEY_RULES[exchange];
      expect(entry.rules.length > 0 || (entry.noRuleNote ?? '').length > 0).toBe(true);
      for (const rule of entry.rules) {
        expect(rule.sourceUrl).toMatch(/^https:\/\/[a-z0-9.-]+\//);
        expect(rule.readOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(rule.days).toBeGreaterThan(0);
      }
    }
  });
});

type Row = { name: string; key: AuditedKey; expected: { ruleId: string; effect: string; dueAt: string | null; basis: string } | null };

const rows: Row[] = [
  // OKX: trade or withdraw, not IP-bound, 14 days of inactivity; OKX reports no last use.
  { name: 'OKX trade key with no IP', key: makeKey({ exchange: 'okx', ...trader, ipWhitelist: null }), expected: { ruleId: 'okx-unbound-trade-or-withdraw-key-inactive-14-days', effect: 'deleted', dueAt: null, basis: 'unknown' } },
  { name: 'OKX withdraw-only key with no IP', key: makeKey({ exchange: 'okx', capabilities: [grant('withdraw')], ipWhitelist: [] }), expected: { ruleId: 'okx-unbound-trade-or-withdraw-key-inactive-14-days', effect: 'deleted', dueAt: null, basis: 'unknown' } },
  { name: 'OKX trade key bound to an IP', key: makeKey({ exchange: 'okx', ...trader, ipWhitelist: ['8.8.8.8'] }), expected: null },
  { name: 'OKX read-only key with no IP', key: makeKey({ exchange: 'okx', ipWhitelist: null }), expected: null },
  { name: 'OKX trade key whitelisting 0.0.0.0/0 (bound to everything is no binding)', key: makeKey({ exchange: 'okx', ...trader, ipWhitelist: ['0.0.0.0/0'] }), expected: { ruleId: 'okx-unbound-trade-or-withdraw-key-inactive-14-days', effect: 'deleted', dueAt: null, basis: 'unknown' } },
  // KuCoin: trading and no IP, 30 days of inactivity; General only never expires.
  { name: 'KuCoin trading key with no IP', key: makeKey({ exchange: 'kucoin', ...trader, ipWhitelist: null }), expected: { ruleId: 'kucoin-unbound-trading-key-inactive-30-days', effect: 'deleted-or-loses-trading', dueAt: null, basis: 'unknown' } },
  { name: 'KuCoin General-only key with no IP', key: makeKey({ exchange: 'kucoin', ipWhitelist: null }), expected: null },
  { name: 'KuCoin transfer-only key with no IP (not a trading key)', key: makeKey({ exchange: 'kucoin', capabilities: [grant('withdraw', 'Transfer')], ipWhitelist: null }), expected: null },
  // Binance: Spot & Margin Trading without a whitelisted IP: unchecked 30 days after it was enabled.
  { name: 'Binance spot key with no IP, date reported', key: makeKey({ exchange: 'binance', ...trader, ipWhitelist: null, expiresAt: daysFromNow(9) }), expected: { ruleId: 'binance-unrestricted-trading-permission-30-days', effect: 'loses-trading', dueAt: daysFromNow(9), basis: 'reported' } },
  { name: 'Binance spot key with no IP, no date (the permission\'s start is not reported)', key: makeKey({ exchange: 'binance', ...trader, ipWhitelist: null }), expected: { ruleId: 'binance-unrestricted-trading-permission-30-days', effect: 'loses-trading', dueAt: null, basis: 'unknown' } },
  { name: 'Binance futures-only key with no IP (the rule names Spot & Margin)', key: makeKey({ exchange: 'binance', capabilities: [grant('trade-futures')], ipWhitelist: null }), expected: null },
  // Bybit: no IP bound, invalid after 90 days; expiredAt wins, creation + 90 days otherwise.
  { name: 'Bybit key with no IP and expiredAt', key: makeKey({ exchange: 'bybit', ipWhitelist: null, expiresAt: daysFromNow(3) }), expected: { ruleId: 'bybit-unbound-key-90-days', effect: 'expires', dueAt: daysFromNow(3), basis: 'reported' } },
  { name: 'Bybit key with no IP, created 80 days ago', key: makeKey({ exchange: 'bybit', ipWhitelist: null, createdAt: daysFromNow(-80) }), expected: { ruleId: 'bybit-unbound-key-90-days', effect: 'expires', dueAt: daysFromNow(10), basis: 'created' } },
  { name: 'Bybit key bound to an IP', key: makeKey({ exchange: 'bybit', ipWhitelist: ['8.8.8.8'], createdAt: daysFromNow(-80) }), expected: null },
  // Gate: no documented rule.
  { name: 'Gate trade key with no IP', key: makeKey({ exchange: 'gate', ...trader, ipWhitelist: null, lastUsedAt: daysFromNow(-100) }), expected: null },
];

describe('keyDeadlines', () => {
  it.each(rows)('$name', ({ key, expected }) => {
    const deadlines = keyDeadlines(key);
    if (expected === null) return expect(deadlines).toEqual([]);
    expect(deadlines).toHaveLength(1);
    expect(deadlines[0]).toMatchObject(expected);
  });

  it('counts an inactivity rule from the last use when the exchange reports it', () => {
    const key = makeKey({ exchange: 'kucoin', ...trader, ipWhitelist: null, lastUsedAt: daysFromNow(-25) });
    expect(keyDeadlines(key)[0]).toMatchObject({ dueAt: daysFromNow(5), basis: 'last-used' });
  });
});

describe('expires-soon with an exchange rule (boundaries at 7 days)', () => {
  const sevenDays = { ...testContext, thresholds: { ...testContext.thresholds, expiresSoonDays: 7 } };
  const bybitCreated = (daysAgo: number) => makeKey({ exchange: 'bybit', ipWhitelist: null, createdAt: daysFromNow(-daysAgo) });
  it.each([
    { daysLeft: 6, fires: true },
    { daysLeft: 7, fires: true },
    { daysLeft: 8, fires: false },
  ])('a Bybit key with no IP and $daysLeft days left of its 90: fires $fires', ({ daysLeft, fires }) => {
    const hit = expiresSoon.evaluate(bybitCreated(90 - daysLeft), sevenDays);
    expect(hit !== null).toBe(fires);
    if (hit) {
      expect(hit.why).toContain(`in ${daysLeft} days`);
      expect(hit.deadline).toMatchObject({ ruleId: 'bybit-unbound-key-90-days', basis: 'created' });
    }
  });

  it('uses the earlier of the key\'s own expiry and a rule\'s deadline', () => {
    const key = makeKey({ exchange: 'kucoin', ...trader, ipWhitelist: null, lastUsedAt: daysFromNow(-28), expiresAt: daysFromNow(10) });
    const hit = expiresSoon.evaluate(key, testContext);
    expect(hit?.why).toContain('in 2 days');
    expect(hit?.deadline?.ruleId).toBe('kucoin-unbound-trading-key-inactive-30-days');
  });

  it('says nothing once the computed date has passed (the key is still listed: exchange-may-delete says so)', () => {
    expect(expiresSoon.evaluate(bybitCreated(95), testContext)).toBeNull();
    expect(exchangeMayDelete.evaluate(bybitCreated(95), testContext)?.why).toContain('has passed');
  });
});

describe('exchange-may-delete', () => {
  it('names the rule, and says when it cannot tell when', () => {
    const hit = exchangeMayDelete.evaluate(makeKey({ exchange: 'okx', ...trader, ipWhitelist: null }), testContext);
    expect(hit?.why).toContain('14 days of inactivity');
    expect(hit?.why).toContain('does not report when this key was last used');
    expect(hit?.deadline?.sourceUrl).toBe('https://www.okx.com/docs-v5/en/#overview-api-key-creation');
  });

  it('gives the date when the exchange reported what the rule counts from', () => {
    const hit = exchangeMayDelete.evaluate(makeKey({ exchange: 'bybit', ipWhitelist: null, createdAt: daysFromNow(-30) }), testContext);
    expect(hit?.why).toContain('2026-07-31');
  });

  it('does not fire for a key the rules do not cover', () => {
    expect(exchangeMayDelete.evaluate(makeKey({ exchange: 'okx', ...trader, ipWhitelist: ['8.8.8.8'] }), testContext)).toBeNull();
    expect(exchangeMayDelete.evaluate(makeKey({ exchange: 'gate', ...trader, ipWhitelist: null }), testContext)).toBeNull();
  });
});
