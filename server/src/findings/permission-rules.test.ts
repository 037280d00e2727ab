import { describe, expect, it } from 'vitest';
import type { AuditedKey } from '@contract/audited-key.ts';
import { EXCHANGE_IDS } from '@contract/exchange-id.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { toBybitCallingExchangeKey } from '../exchanges/bybit/bybit-normalize.ts';
import { grant, makeKey, TEST_NOW_MS, testContext } from './make-test-key.ts';
import { auditKeyTooPowerful, readOnlyWithWhitelist, withdrawEnabled } from './permission-rules.ts';

type Row = { name: string; key: AuditedKey; fires: boolean };

const auditKeyRows: Row[] = [
  { name: 'calling key with spot trading', key: makeKey({ isCallingKey: true, capabilities: [grant('read'), grant('trade-spot')] }), fires: true },
  { name: 'calling key with an unclassified permission', key: makeKey({ isCallingKey: true, capabilities: [grant('read'), grant('other', 'LeadtradeFutures')] }), fires: true },
  { name: 'calling key that can withdraw, with whitelist', key: makeKey({ isCallingKey: true, capabilities: [grant('withdraw')], ipWhitelist: ['8.8.8.8'] }), fires: true },
  { name: 'calling key, read only', key: makeKey({ isCallingKey: true, capabilities: [grant('read')] }), fires: false },
  { name: 'calling key, no capabilities', key: makeKey({ isCallingKey: true, capabilities: [] }), fires: false },
  { name: 'other key with trading', key: makeKey({ isCallingKey: false, capabilities: [grant('trade-spot')] }), fires: false },
];

const withdrawEnabledRows: Row[] = [
  { name: 'withdraw with a whitelist', key: makeKey({ capabilities: [grant('withdraw')], ipWhitelist: ['8.8.8.8'] }), fires: true },
  { name: 'transfer-external with masked whitelist', key: makeKey({ capabilities: [grant('transfer-external')], ipWhitelist: ['203.**.154'] }), fires: true },
  { name: 'withdraw, whitelist unknown', key: makeKey({ capabilities: [grant('withdraw')], ipWhitelist: 'unknown' }), fires: true },
  { name: 'withdraw without whitelist (critical rule covers it)', key: makeKey({ capabilities: [grant('withdraw')], ipWhitelist: null }), fires: false },
  { name: 'withdraw with a catch-all whitelist (critical rule covers it)', key: makeKey({ capabilities: [grant('withdraw')], ipWhitelist: ['::/0'] }), fires: false },
  { name: 'trading with a whitelist', key: makeKey({ capabilities: [grant('trade-spot')], ipWhitelist: ['8.8.8.8'] }), fires: false },
];

const readOnlyRows: Row[] = [
  { name: 'read only with a whitelist', key: makeKey({ capabilities: [grant('read')], ipWhitelist: ['8.8.8.8'] }), fires: true },
  { name: 'read only with a masked whitelist', key: makeKey({ capabilities: [grant('read')], ipWhitelist: ['10.**.1'] }), fires: true },
  { name: 'read only without whitelist', key: makeKey({ capabilities: [grant('read')], ipWhitelist: null }), fires: false },
  { name: 'read only, whitelist unknown', key: makeKey({ capabilities: [grant('read')], ipWhitelist: 'unknown' }), fires: false },
  { name: 'read only, catch-all whitelist', key: makeKey({ capabilities: [grant('read')], ipWhitelist: ['0.0.0.0/0'] }), fires: false },
  { name: 'read and earn with a whitelist', key: makeKey({ capabilities: [grant('read'), grant('earn')], ipWhitelist: ['8.8.8.8'] }), fires: false },
  { name: 'no capabilities with a whitelist', key: makeKey({ capabilities: [], ipWhitelist: ['8.8.8.8'] }), fires: false },
  {
    name: 'read only with a whitelist, but withdraw not reported by the exchange',
    key: makeKey({ capabilities: [grant('read')], ipWhitelist: ['8.8.8.8'], unreported: ['withdraw'] }),
    fires: false,
  },
  { name: 'read only with a whitelist, nothing unreported', key: makeKey({ capabilities: [grant('read')], ipWhitelist: ['8.8.8.8'], unreported: [] }), fires: true },
];

describe.each([
  { rule: auditKeyTooPowerful, rows: auditKeyRows },
  { rule: withdrawEnabled, rows: withdrawEnabledRows },
  { rule: readOnlyWithWhitelist, rows: readOnlyRows },
])('$rule.id', ({ rule, rows }) => {
  it.each(rows)('$name → fires: $fires', ({ key, fires }) => {
    expect(rule.evaluate(key, testContext) !== null).toBe(fires);
  });
});

describe(auditKeyTooPowerful.id, () => {
  it('names the extra permissions and recommends a read-only key', () => {
    const key = makeKey({ isCallingKey: true, capabilities: [grant('read', 'General'), grant('trade-futures', 'Futures')] });
    const hit = auditKeyTooPowerful.evaluate(key, testContext);
    expect(hit?.why).toContain("permission 'Futures'");
    expect(hit?.why).not.toContain("'General'");
    expect(hit?.fix).toContain('read-only key');
  });

  it.each(EXCHANGE_IDS)('%s: says what the exchange requires of the audit key, and never counts it against the key', (exchange) => {
    const { permissions, why } = exchangeInfo(exchange).auditKeyNeeds;
    const needed = makeKey({ exchange, isCallingKey: true, capabilities: [grant('read'), ...permissions.map((word) => grant('transfer-internal', word))] });
    expect(auditKeyTooPowerful.evaluate(needed, testContext)).toBeNull();
    const more = makeKey({ ...needed, capabilities: [...needed.capabilities, grant('trade-spot', 'SomeTradeWord')] });
    const hit = auditKeyTooPowerful.evaluate(more, testContext);
    expect(hit?.why).toContain("permission 'SomeTradeWord'");
    expect(hit?.fix).toContain(why);
  });

  describe('a Bybit master key, which lists sub-accounts only with Account Transfer, Subaccount Transfer or Withdrawal', () => {
    const bybitKey = (readOnly: 0 | 1, wallet: string[], extra: Record<string, string[]> = {}) => ({
      ...toBybitCallingExchangeKey({
        apiKey: 'opjSlSOzqIeXROT5rq', note: 'keyaudit', readOnly, permissions: { Wallet: wallet, ...extra }, ips: ['203.0.113.7'], type: 1,
        isMaster: true, userID: '53888001', createdAt: '2026-05-01T00:00:00Z',
      }, TEST_NOW_MS),
      id: 'k1',
      connectionId: 'c1',
    });

    it('is not flagged for Account Transfer, the permission the audit needs', () => {
      expect(auditKeyTooPowerful.evaluate(bybitKey(0, ['AccountTransfer']), testContext)).toBeNull();
      expect(auditKeyTooPowerful.evaluate(bybitKey(1, ['AccountTransfer']), testContext)).toBeNull();
    });

    it('is flagged for Withdrawal, which the audit does not need when Account Transfer does, and for trading', () => {
      const hit = auditKeyTooPowerful.evaluate(bybitKey(0, ['AccountTransfer', 'Withdraw'], { Spot: ['SpotTrade'] }), testContext);
      expect(hit?.why).toContain("'Wallet:Withdraw'");
      expect(hit?.why).toContain("'Spot:SpotTrade'");
      expect(hit?.why).not.toContain("'Wallet:AccountTransfer'");
      expect(hit?.fix).toContain('Account Transfer');
    });
  });
});

describe(withdrawEnabled.id, () => {
  it('with an unknown whitelist, says it cannot tell rather than claiming there is none', () => {
    const hit = withdrawEnabled.evaluate(makeKey({ capabilities: [grant('withdraw')], ipWhitelist: 'unknown' }), testContext);
    expect(hit?.why).toContain('cannot tell whether it has an IP whitelist');
    expect(hit?.why).not.toMatch(/no IP whitelist/);
  });

  it('carries the uncertainty of KuCoin\'s "Transfer" wording', () => {
    const hit = withdrawEnabled.evaluate(makeKey({ capabilities: [grant('withdraw', 'Transfer', true)], ipWhitelist: ['8.8.8.8'] }), testContext);
    expect(hit?.why).toContain("KuCoin's word 'Transfer' is understood as withdrawal");
  });
});
