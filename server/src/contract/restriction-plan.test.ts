import { describe, expect, it } from 'vitest';
import { EXCHANGE_IDS } from './exchange-id.ts';
import { exchangeInfo } from './exchanges.ts';
import type { GrantedCapability } from './capability.ts';
import { CAPABILITIES } from './capability.ts';
import { isNoWider, planRestriction, RESTRICT_DROPS, type PlannedKey, type RestrictDrop } from './restriction-plan.ts';
import { isRangeWithin, parseIpRange } from './ip-range.ts';

const okx = exchangeInfo('okx');
const gate = exchangeInfo('gate');
const kucoin = exchangeInfo('kucoin');
const binance = exchangeInfo('binance');

const key = (overrides: Partial<PlannedKey> = {}): PlannedKey => ({
  account: { kind: 'sub', name: 'bot' },
  permissions: ['read_only', 'trade'],
  capabilities: [
    { capability: 'read', from: 'read_only', isUncertain: false },
    { capability: 'trade-spot', from: 'trade', isUncertain: false },
    { capability: 'transfer-internal', from: 'trade', isUncertain: false },
  ],
  ipWhitelist: null,
  isCallingKey: false,
  ...overrides,
});

describe('parseIpRange', () => {
  it('reads IPv4, IPv6 and segments, and refuses what is neither', () => {
    expect(parseIpRange('10.0.0.7')?.prefix).toBe(32);
    expect(parseIpRange('2001:db8::1')?.version).toBe(6);
    expect(parseIpRange('::ffff:1.2.3.4')?.version).toBe(6);
    expect(isRangeWithin(parseIpRange('10.0.0.7')!, parseIpRange('10.0.0.0/24')!)).toBe(true);
    expect(isRangeWithin(parseIpRange('10.0.1.7')!, parseIpRange('10.0.0.0/24')!)).toBe(false);
    expect(isRangeWithin(parseIpRange('2001:db8::1')!, parseIpRange('2001:db8::/32')!)).toBe(true);
    for (const bad of ['256.1.1.1', '1.2.3', '1.2.3.4/33', 'example.com', '1:2:3:4:5:6:7:8:9', '1::2::3', '', '*']) expect(parseIpRange(bad), bad).toBeNull();
  });
});

describe('planRestriction', () => {
  it('binds an unbound key and says before and after in the exchange words', () => {
    const outcome = planRestriction(key(), { ips: ['203.0.113.5', '2001:db8::/48'] }, okx);
    expect(outcome).toEqual({
      ok: true,
      plan: expect.objectContaining({
        before: { permissions: ['read_only', 'trade'], ipWhitelist: null },
        after: { permissions: ['read_only', 'trade'], ipWhitelist: ['203.0.113.5', '2001:db8::/48'] },
        changes: { ips: true, permissions: false },
      }),
    });
  });

  it('refuses what the exchange does not accept: IPv6 and segments on Gate, too many entries, junk', () => {
    const gateKey = key({ permissions: ['spot'], capabilities: [{ capability: 'trade-spot', from: 'spot', isUncertain: false }] });
    expect(planRestriction(gateKey, { ips: ['2001:db8::1'] }, gate)).toMatchObject({ ok: false, reason: expect.stringContaining('IPv4') });
    expect(planRestriction(gateKey, { ips: ['10.0.0.0/24'] }, gate)).toMatchObject({ ok: false, reason: expect.stringContaining('segments') });
    const many = Array.from({ length: 21 }, (_, i) => `10.0.0.${i + 1}`);
    expect(planRestriction(gateKey, { ips: many }, gate)).toMatchObject({ ok: false, reason: expect.stringContaining('at most 20') });
    expect(planRestriction(gateKey, { ips: ['not-an-ip'] }, gate)).toMatchObject({ ok: false, reason: expect.stringContaining('not an IP') });
    expect(planRestriction(gateKey, { ips: [] }, gate)).toMatchObject({ ok: false, reason: expect.stringContaining('any IP') });
  });

  it('refuses to widen a whitelist, and accepts a narrower replacement', () => {
    const bound = key({ ipWhitelist: ['10.0.0.0/24'] });
    expect(planRestriction(bound, { ips: ['10.0.1.1'] }, okx)).toMatchObject({ ok: false, reason: expect.stringContaining('only narrows') });
    expect(planRestriction(bound, { ips: ['10.0.0.9'] }, okx)).toMatchObject({ ok: true, plan: { after: { ipWhitelist: ['10.0.0.9'] } } });
  });

  it('drops words and says what the exchange takes along (OKX trade carries transfers)', () => {
    const outcome = planRestriction(key(), { drop: ['transfer'] }, okx);
    expect(outcome.ok && outcome.plan.after.permissions).toEqual(['read_only']);
    expect(outcome.ok && outcome.plan.forcedAlong.join(' ')).toContain('trade-spot');
  });

  it('keeps a dropped Gate group readable', () => {
    const gateKey = key({
      permissions: ['spot', 'withdrawal'],
      capabilities: [
        { capability: 'trade-spot', from: 'spot', isUncertain: false },
        { capability: 'withdraw', from: 'withdrawal', isUncertain: true },
      ],
    });
    const outcome = planRestriction(gateKey, { drop: ['withdraw'] }, gate);
    expect(outcome.ok && outcome.plan.after.permissions).toEqual(['spot', 'withdrawal:read_only']);
  });

  it('refuses master keys where the table says so, with its reason', () => {
    expect(planRestriction(key({ account: { kind: 'master', name: 'master' } }), { ips: ['1.2.3.4'] }, kucoin)).toEqual({
      ok: false,
      reason: kucoin.api.restrict.masterKeysWhy,
    });
  });

  it('refuses the calling key, masked keys, unread whitelists, words the API cannot drop, and no-ops', () => {
    expect(planRestriction(key({ isCallingKey: true }), { ips: ['1.2.3.4'] }, okx).ok).toBe(false);
    expect(planRestriction(key({ isApiKeyMasked: true }), { ips: ['1.2.3.4'] }, okx).ok).toBe(false);
    expect(planRestriction(key({ ipWhitelist: 'unknown' }), { ips: ['1.2.3.4'] }, okx).ok).toBe(false);
    expect(planRestriction(key({ unreported: ['withdraw'] }), { drop: ['withdraw'] }, binance).ok).toBe(false);
    const withdrawing = key({ permissions: ['General', 'Withdrawal'], capabilities: [{ capability: 'withdraw', from: 'Withdrawal', isUncertain: false }] });
    expect(planRestriction(withdrawing, { drop: ['withdraw'] }, okx)).toMatchObject({ ok: false, reason: expect.stringContaining('"Withdrawal"') });
    expect(planRestriction(key(), { drop: ['withdraw'] }, okx)).toMatchObject({ ok: false, reason: expect.stringContaining('nothing to change') });
    expect(planRestriction(key(), {}, okx).ok).toBe(false);
  });
});

/** A small seeded generator (mulberry32): reproducible runs without a property-testing dependency. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const canRestrictAnything = (info: ReturnType<typeof exchangeInfo>) =>
  Object.values(info.api.restrict.subKeys).some(Boolean) || Object.values(info.api.restrict.masterKeys).some(Boolean);
const RESTRICTABLE = EXCHANGE_IDS.filter((exchange) => canRestrictAnything(exchangeInfo(exchange)));
const NOT_RESTRICTABLE = EXCHANGE_IDS.filter((exchange) => !canRestrictAnything(exchangeInfo(exchange)));

describe('planRestriction, property: random requests never produce a state wider than before', () => {
  it('holds over 3000 random keys and requests on every exchange', () => {
    const next = random(13);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const ips = ['10.0.0.1', '10.0.0.2', '10.0.0.0/24', '10.0.0.0/16', '192.168.1.9', '2001:db8::1', '2001:db8::/32', 'junk', '0.0.0.0/0', '::/0'];
    let accepted = 0;
    let acceptedWhereNothingCanBe = 0;
    for (let run = 0; run < 3300; run += 1) {
      // 3000 runs on the exchanges that can narrow something (the accepted cases stay many however many exchanges
      // are added), then 300 on those that cannot, where every request must be refused.
      const info = exchangeInfo(run < 3000 || NOT_RESTRICTABLE.length === 0 ? pick(RESTRICTABLE) : pick(NOT_RESTRICTABLE));
      const words = [...info.api.restrict.droppableWords, 'General', 'read_only', 'Withdrawal'].filter(() => next() < 0.4);
      const capabilities: GrantedCapability[] = words.flatMap((word) =>
        [pick(CAPABILITIES), pick(CAPABILITIES)].map((capability) => ({ capability, from: word, isUncertain: false })),
      );
      const whitelist = next() < 0.4 ? null : next() < 0.1 ? ('unknown' as const) : ips.filter(() => next() < 0.3);
      const planned = key({ account: { kind: next() < 0.8 ? 'sub' : 'master', name: 'x' }, permissions: words, capabilities, ipWhitelist: whitelist });
      const request = {
        ...(next() < 0.6 ? { ips: ips.filter(() => next() < 0.3) } : {}),
        ...(next() < 0.6 ? { drop: RESTRICT_DROPS.filter(() => next() < 0.5) as RestrictDrop[] } : {}),
      };
      const outcome = planRestriction(planned, request, info);
      if (!outcome.ok) continue;
      accepted += 1;
      if (!canRestrictAnything(info)) acceptedWhereNothingCanBe += 1;
      expect(isNoWider(outcome.plan.before, outcome.plan.after, info.api.restrict.droppedWordSuffix), JSON.stringify({ planned, request })).toBe(true);
      // Nothing the request dropped is still granted afterwards.
      for (const word of outcome.plan.droppedWords) expect(outcome.plan.after.permissions).not.toContain(word);
    }
    // The generator must reach the interesting cases, or the property proves nothing.
    expect(accepted).toBeGreaterThan(300);
    expect(acceptedWhereNothingCanBe).toBe(0);
  });

  it('isNoWider itself catches a widening', () => {
    expect(isNoWider({ permissions: ['a'], ipWhitelist: ['10.0.0.1'] }, { permissions: ['a'], ipWhitelist: ['10.0.0.0/24'] })).toBe(false);
    expect(isNoWider({ permissions: ['a'], ipWhitelist: ['10.0.0.1'] }, { permissions: ['a'], ipWhitelist: null })).toBe(false);
    expect(isNoWider({ permissions: ['a'], ipWhitelist: null }, { permissions: ['a', 'b'], ipWhitelist: null })).toBe(false);
  });
});
