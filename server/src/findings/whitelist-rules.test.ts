import { describe, expect, it } from 'vitest';
import type { AuditedKey } from '@contract/audited-key.ts';
import { grant, makeKey, testContext } from './make-test-key.ts';
import {
  internalTransferWithoutIpWhitelist,
  subaccountManagementWithoutIpWhitelist,
  tradeWithoutIpWhitelist,
  whitelistUnknownOnPowerfulKey,
  withdrawWithoutIpWhitelist,
} from './whitelist-rules.ts';

type Row = { name: string; key: AuditedKey; fires: boolean };

const withdrawRows: Row[] = [
  { name: 'withdraw, no whitelist', key: makeKey({ capabilities: [grant('withdraw')], ipWhitelist: null }), fires: true },
  { name: 'transfer-external, no whitelist', key: makeKey({ capabilities: [grant('transfer-external')], ipWhitelist: null }), fires: true },
  { name: 'withdraw, empty whitelist list', key: makeKey({ capabilities: [grant('withdraw')], ipWhitelist: [] }), fires: true },
  { name: 'withdraw, whitelist 0.0.0.0/0', key: makeKey({ capabilities: [grant('withdraw')], ipWhitelist: ['1.2.3.4', '0.0.0.0/0'] }), fires: true },
  { name: 'withdraw, whitelist "*"', key: makeKey({ capabilities: [grant('withdraw')], ipWhitelist: ['*'] }), fires: true },
  { name: 'withdraw, real whitelist', key: makeKey({ capabilities: [grant('withdraw')], ipWhitelist: ['8.8.8.8'] }), fires: false },
  { name: 'withdraw, masked KuCoin whitelist', key: makeKey({ capabilities: [grant('withdraw')], ipWhitelist: ['203.**.154'] }), fires: false },
  { name: 'withdraw, whitelist unknown', key: makeKey({ capabilities: [grant('withdraw')], ipWhitelist: 'unknown' }), fires: false },
  { name: 'trade only, no whitelist', key: makeKey({ capabilities: [grant('trade-spot')], ipWhitelist: null }), fires: false },
];

const tradeRows: Row[] = [
  ...(['trade-spot', 'trade-margin', 'trade-futures', 'trade-options'] as const).map((capability) => ({
    name: `${capability}, no whitelist`,
    key: makeKey({ capabilities: [grant(capability)], ipWhitelist: null }),
    fires: true,
  })),
  { name: 'trade, real whitelist', key: makeKey({ capabilities: [grant('trade-spot')], ipWhitelist: ['8.8.8.8'] }), fires: false },
  { name: 'trade, whitelist unknown', key: makeKey({ capabilities: [grant('trade-spot')], ipWhitelist: 'unknown' }), fires: false },
  { name: 'read and earn, no whitelist', key: makeKey({ capabilities: [grant('read'), grant('earn')], ipWhitelist: null }), fires: false },
];

const internalRows: Row[] = [
  { name: 'transfer-internal, no whitelist', key: makeKey({ capabilities: [grant('transfer-internal', 'InnerTransfer')], ipWhitelist: null }), fires: true },
  { name: 'transfer-internal, whitelist', key: makeKey({ capabilities: [grant('transfer-internal')], ipWhitelist: ['8.8.8.8'] }), fires: false },
  { name: 'transfer-internal, whitelist unknown', key: makeKey({ capabilities: [grant('transfer-internal')], ipWhitelist: 'unknown' }), fires: false },
  { name: 'withdraw only, no whitelist', key: makeKey({ capabilities: [grant('withdraw')], ipWhitelist: null }), fires: false },
];

const subaccountRows: Row[] = [
  { name: 'manage-subaccounts, no whitelist', key: makeKey({ capabilities: [grant('manage-subaccounts')], ipWhitelist: null }), fires: true },
  { name: 'manage-subaccounts, whitelist', key: makeKey({ capabilities: [grant('manage-subaccounts')], ipWhitelist: ['2001:4860::8888'] }), fires: false },
  { name: 'manage-subaccounts, whitelist unknown', key: makeKey({ capabilities: [grant('manage-subaccounts')], ipWhitelist: 'unknown' }), fires: false },
  { name: 'read only, no whitelist', key: makeKey({ ipWhitelist: null }), fires: false },
];

describe.each([
  { rule: withdrawWithoutIpWhitelist, rows: withdrawRows },
  { rule: tradeWithoutIpWhitelist, rows: tradeRows },
  { rule: internalTransferWithoutIpWhitelist, rows: internalRows },
  { rule: subaccountManagementWithoutIpWhitelist, rows: subaccountRows },
])('$rule.id', ({ rule, rows }) => {
  it.each(rows)('$name → fires: $fires', ({ key, fires }) => {
    expect(rule.evaluate(key, testContext) !== null).toBe(fires);
  });
});

describe(withdrawWithoutIpWhitelist.id, () => {
  it('is critical and gives the agreed fix', () => {
    const hit = withdrawWithoutIpWhitelist.evaluate(makeKey({ capabilities: [grant('withdraw')], ipWhitelist: null }), testContext);
    expect(withdrawWithoutIpWhitelist.severity).toBe('critical');
    expect(hit?.fix).toBe('Revoke this key, or add an IP whitelist and remove the withdraw permission if it is not needed.');
    expect(hit?.why).toContain('no IP whitelist');
  });

  it('owns up to an uncertain mapping in plain words, naming the raw permission', () => {
    const key = makeKey({ capabilities: [grant('withdraw', 'Transfer', true)], ipWhitelist: null });
    const why = withdrawWithoutIpWhitelist.evaluate(key, testContext)?.why ?? '';
    expect(why).toContain("KuCoin's word 'Transfer' is understood as withdrawal");
    expect(why).toContain("permission 'Transfer'");
  });

  it('does not mention uncertainty when the mapping is documented', () => {
    const key = makeKey({ capabilities: [grant('withdraw', 'Withdrawal', false)], ipWhitelist: null });
    expect(withdrawWithoutIpWhitelist.evaluate(key, testContext)?.why).not.toContain('understood as');
  });

  it('names the catch-all entry instead of claiming there is no whitelist', () => {
    const key = makeKey({ capabilities: [grant('withdraw')], ipWhitelist: ['0.0.0.0/0'] });
    const why = withdrawWithoutIpWhitelist.evaluate(key, testContext)?.why ?? '';
    expect(why).toContain('"0.0.0.0/0" matches every address');
    expect(why).not.toContain('no IP whitelist');
  });
});

describe(tradeWithoutIpWhitelist.id, () => {
  it('lists each raw trading permission once', () => {
    const key = makeKey({ capabilities: [grant('trade-spot', 'Spot'), grant('trade-futures', 'Futures'), grant('trade-margin', 'Spot')], ipWhitelist: null });
    expect(tradeWithoutIpWhitelist.evaluate(key, testContext)?.why).toContain("permissions 'Spot', 'Futures'");
  });
});

describe('whitelist-unknown-on-powerful-key', () => {
  it.each([
    { name: 'a trade key whose whitelist read failed', key: makeKey({ capabilities: [grant('trade-spot', 'Spot')], ipWhitelist: 'unknown', unread: ['ip-whitelist'] }), fires: true },
    { name: 'a withdraw key whose whitelist the exchange never reports', key: makeKey({ capabilities: [grant('withdraw')], ipWhitelist: 'unknown', unreported: ['ip-whitelist'] }), fires: true },
    { name: 'a read-only key whose whitelist read failed', key: makeKey({ ipWhitelist: 'unknown', unread: ['ip-whitelist'] }), fires: false },
    { name: 'a trade key the exchange says is restricted without listing the IPs', key: makeKey({ capabilities: [grant('trade-spot', 'Spot')], ipWhitelist: 'unknown' }), fires: false },
    { name: 'a trade key with a known whitelist', key: makeKey({ capabilities: [grant('trade-spot', 'Spot')], ipWhitelist: ['8.8.8.8'], unread: [] }), fires: false },
  ])('$name: fires $fires', ({ key, fires }) => {
    const hit = whitelistUnknownOnPowerfulKey.evaluate(key, testContext);
    expect(hit !== null).toBe(fires);
    if (hit) expect(hit.why).toMatch(/did not answer|does not report/);
  });
});
