import { describe, expect, it } from 'vitest';
import { buildAuditedKey, buildFinding } from '../../../testing/fixtures.ts';
import { toKeyRows } from './key-row-model.ts';
import { filterKeyRows, matchKeyRows, pickKeyRows } from './filter-key-rows.ts';
import { DEFAULT_KEY_VIEW_STATE } from './key-view-state.ts';

const withdrawAnyIp = buildAuditedKey({
  id: 'payout',
  label: 'Payout Bot',
  account: { kind: 'sub', name: 'treasury' },
  permissions: ['General', 'Transfer'],
  capabilities: [{ capability: 'withdraw', from: 'Transfer', isUncertain: true }],
  ipWhitelist: null,
});
const catchAll = buildAuditedKey({ id: 'grid', label: 'grid', ipWhitelist: ['0.0.0.0/0'], apiKey: 'abcdef0123456789' });
const master = buildAuditedKey({ id: 'master', exchange: 'bybit', label: 'main', account: { kind: 'master', name: 'master' }, ipWhitelist: 'unknown' });
const readOnly = buildAuditedKey({ id: 'reader', label: 'tax', capabilities: [{ capability: 'read', from: 'General', isUncertain: false }] });
const rows = toKeyRows(
  [withdrawAnyIp, catchAll, master, readOnly],
  [
    buildFinding({ keyId: 'payout', severity: 'critical' }),
    buildFinding({ keyId: 'grid', ruleId: 'trade-without-ip-whitelist', severity: 'high' }),
    buildFinding({ keyId: 'master', ruleId: 'withdraw-enabled', severity: 'medium', acceptance: { reason: 'ok', expiresAt: '2099-01-01' } }),
  ],
);
const ids = (filters: Partial<typeof DEFAULT_KEY_VIEW_STATE>) => filterKeyRows(rows, { ...DEFAULT_KEY_VIEW_STATE, ...filters }).map((row) => row.key.id);

describe(filterKeyRows.name, () => {
  it('hides keys whose only findings are accepted unless "Show accepted" is on', () => {
    expect(ids({})).toEqual(['payout', 'grid', 'reader']);
    expect(ids({ showAccepted: true })).toEqual(['payout', 'grid', 'master', 'reader']);
  });

  it.each([
    [{ exchange: 'bybit' as const, showAccepted: true }, ['master']],
    [{ account: 'sub:treasury' }, ['payout']],
    [{ account: 'master', showAccepted: true }, ['master']],
    [{ capability: 'withdraw' as const }, ['payout']],
    [{ severity: 'high' as const }, ['grid']],
    [{ severity: 'none' as const, showAccepted: true }, ['master', 'reader']],
    [{ noWhitelist: true, showAccepted: true }, ['payout', 'grid']],
    [{ canWithdraw: true }, ['payout']],
  ])('applies %o', (filters, expected) => {
    expect(ids(filters)).toEqual(expected);
  });

  it('searches label, account and API key, ignoring case', () => {
    expect(ids({ q: 'payout' })).toEqual(['payout']);
    expect(ids({ q: 'TREASURY' })).toEqual(['payout']);
    expect(ids({ q: '0123456' })).toEqual(['grid']);
    expect(ids({ q: 'nothing like this' })).toEqual([]);
  });

  it('combines filters with AND', () => {
    expect(ids({ noWhitelist: true, canWithdraw: true, q: 'grid' })).toEqual([]);
  });
});

describe(pickKeyRows.name, () => {
  it('picks the matching rows in the order given (a sort), not the rows\' own order', () => {
    const matches = matchKeyRows(rows, { ...DEFAULT_KEY_VIEW_STATE, showAccepted: true, noWhitelist: true });
    expect(Array.from(matches)).toEqual([1, 1, 0, 0]);
    expect(pickKeyRows(rows, [3, 1, 2, 0], matches).map((row) => row.key.id)).toEqual(['grid', 'payout']);
  });
});
