import { describe, expect, it } from 'vitest';
import type { AuditedKey } from '@contract/audited-key.ts';
import { grant, makeKey, testContext } from './make-test-key.ts';
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
