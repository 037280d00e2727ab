import { describe, expect, it } from 'vitest';
import { changesReportSchema, type Change } from '@contract/history.ts';
import { computeChanges } from './compute-changes.ts';
import { buildConnection, buildFinding, buildKey, buildRun, recorded, SPOT, WITHDRAW } from './history-test-fixtures.ts';

const compare = (before: Parameters<typeof buildRun>[0], after: Parameters<typeof buildRun>[0]) => {
  const report = computeChanges(recorded(1, buildRun(before)), recorded(2, buildRun({ finishedAt: '2026-11-02T10:00:00.000Z', ...after })));
  return changesReportSchema.parse(report);
};
const kinds = (changes: Change[]) => changes.map((change) => change.kind);

const withdrawKey = (overrides = {}) =>
  buildKey({ permissions: ['General', WITHDRAW.word], capabilities: [...buildKey().capabilities, WITHDRAW.granted], ...overrides });

describe(computeChanges.name, () => {
  it('finds nothing between identical runs', () => {
    const run = { keys: [buildKey(), withdrawKey({ id: 'key-2', apiKey: '7702b3c4d5e6f7a8b9c0d1e2' })], findings: [buildFinding({ keyId: 'key-2', ruleId: 'withdraw-enabled', severity: 'medium' })] };
    const report = compare(run, run);
    expect(report.changes).toEqual([]);
    expect(report.from).toEqual({ runId: 1, finishedAt: '2026-11-01T10:00:00.000Z' });
    expect(report.to).toEqual({ runId: 2, finishedAt: '2026-11-02T10:00:00.000Z' });
  });

  it('calls a new key that can withdraw from any IP critical, with a plain sentence and the key masked', () => {
    const added = withdrawKey({ id: 'key-new', apiKey: '99aabbccddeeff0011223344', label: 'new\u001b[2Jbot', ipWhitelist: null });
    const { changes } = compare({}, { keys: [buildKey(), added] });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      kind: 'key-added',
      severity: 'critical',
      keyId: 'key-new',
      apiKey: '99aa…3344',
      label: 'new[2Jbot',
      account: { kind: 'sub', name: 'alpha' },
      connectionId: 'conn-1',
      before: null,
      after: { permissions: ['General', 'Withdrawal'], ipWhitelist: null },
    });
    expect(changes[0].summary).toBe('Key "new[2Jbot" (99aa…3344) on sub-account alpha on KuCoin appeared. It can move funds out, from any IP address.');
    expect(changes[0].capabilitiesGained).toEqual(['read', 'withdraw']);
  });

  it('rates a new read-only whitelisted key low, and a new withdraw key behind a whitelist high', () => {
    const readOnly = buildKey({ id: 'key-ro', apiKey: 'aaaabbbbccccdddd' });
    const whitelistedWithdraw = withdrawKey({ id: 'key-wd', apiKey: 'eeeeffff00001111' });
    const { changes } = compare({ keys: [] }, { keys: [readOnly, whitelistedWithdraw] });
    expect(changes.map((change) => [change.keyId, change.severity])).toEqual([
      ['key-wd', 'high'],
      ['key-ro', 'low'],
    ]);
  });

  it('reports a key that is no longer listed by an account that was read as removed', () => {
    const { changes } = compare({}, { keys: [] });
    expect(changes).toMatchObject([{ kind: 'key-removed', keyId: 'key-1', apiKey: '6601…c0d1', before: { permissions: ['General'] }, after: null }]);
  });

  it('does not call the keys of a connection that failed removed: it says the connection is failing', () => {
    const failed = buildConnection({ status: 'failed', error: { kind: 'ip-not-allowed', message: 'KuCoin refused this IP address.', exchangeCode: '400006' }, accounts: [] });
    const { changes } = compare({}, { connections: [failed], keys: [] });
    expect(kinds(changes)).toEqual(['connection-failing']);
    expect(changes[0]).toMatchObject({ severity: 'high', keyId: null, apiKey: null, account: null, after: { status: 'failed', error: { kind: 'ip-not-allowed' } } });
    expect(changes[0].summary).toBe('Connection "KuCoin main" (KuCoin) could not be read; its keys were not seen this time: KuCoin refused this IP address.');
  });

  it('does not call the keys of one account that failed removed either, and names that account', () => {
    const partial = buildConnection({
      status: 'partial',
      accounts: [
        { account: { kind: 'master', name: 'master' }, status: 'ok', error: null, keyCount: 0 },
        { account: { kind: 'sub', name: 'alpha' }, status: 'failed', error: { kind: 'timeout', message: 'KuCoin did not answer in time.', exchangeCode: null }, keyCount: 0 },
      ],
    });
    const { changes } = compare({}, { connections: [partial], keys: [] });
    expect(kinds(changes)).toEqual(['connection-failing']);
    expect(changes[0].account).toEqual({ kind: 'sub', name: 'alpha' });
  });

  it('reports a connection that answers again as recovered, without calling its keys added', () => {
    const failed = buildConnection({ status: 'failed', error: { kind: 'unreachable', message: 'down', exchangeCode: null }, accounts: [] });
    const { changes } = compare({ connections: [failed], keys: [] }, {});
    expect(changes).toMatchObject([{ kind: 'connection-recovered', severity: 'info' }]);
  });

  it('reports every key of a connection new in the newer run as added, and nothing for a connection no longer audited', () => {
    const other = buildConnection({ connectionId: 'conn-2', label: 'Second' });
    const otherKey = buildKey({ id: 'key-9', connectionId: 'conn-2', apiKey: '1234567890abcdef' });
    expect(kinds(compare({}, { connections: [buildConnection(), other], keys: [buildKey(), otherKey] }).changes)).toEqual(['key-added']);
    expect(compare({ connections: [buildConnection(), other], keys: [buildKey(), otherKey] }, {}).changes).toEqual([]);
  });

  it('rates gaining withdraw high, critical from any IP, and losing a capability info, with the raw words before and after', () => {
    const gained = compare({}, { keys: [withdrawKey()] }).changes;
    expect(gained).toMatchObject([{ kind: 'permissions-changed', severity: 'high', before: ['General'], after: ['General', 'Withdrawal'], capabilitiesGained: ['withdraw'], capabilitiesLost: [] }]);
    expect(gained[0].summary).toBe('Key "grid bot" (6601…c0d1) on sub-account alpha on KuCoin gained withdraw.');

    expect(compare({ keys: [buildKey({ ipWhitelist: null })] }, { keys: [withdrawKey({ ipWhitelist: null })] }).changes[0].severity).toBe('critical');

    const lost = compare({ keys: [withdrawKey()] }, {}).changes;
    expect(lost).toMatchObject([{ kind: 'permissions-changed', severity: 'info', capabilitiesGained: [], capabilitiesLost: ['withdraw'] }]);
    expect(lost[0].summary).toContain('lost withdraw');
  });

  it('rates gaining trading medium behind a whitelist', () => {
    const trader = buildKey({ permissions: ['General', SPOT.word], capabilities: [...buildKey().capabilities, SPOT.granted] });
    expect(compare({}, { keys: [trader] }).changes).toMatchObject([{ kind: 'permissions-changed', severity: 'medium', capabilitiesGained: ['trade-spot'] }]);
  });

  it('calls a removed whitelist on a key that can withdraw critical, as its own change', () => {
    const { changes } = compare({ keys: [withdrawKey()] }, { keys: [withdrawKey({ ipWhitelist: null })] });
    expect(changes).toMatchObject([{ kind: 'ip-whitelist-changed', severity: 'critical', before: ['203.0.113.7'], after: null }]);
    expect(changes[0].summary).toBe('Key "grid bot" (6601…c0d1) on sub-account alpha on KuCoin: its IP whitelist was removed; it is usable from any IP address.');
    expect(compare({ keys: [buildKey()] }, { keys: [buildKey({ ipWhitelist: null })] }).changes[0].severity).toBe('medium');
  });

  it('lists the IP entries added and removed', () => {
    const { changes } = compare({ keys: [buildKey({ ipWhitelist: ['203.0.113.7', '198.51.100.1'] })] }, { keys: [buildKey({ ipWhitelist: ['198.51.100.1', '192.0.2.0/24'] })] });
    expect(changes).toMatchObject([{ kind: 'ip-whitelist-changed', severity: 'low', ipEntriesAdded: ['192.0.2.0/24'], ipEntriesRemoved: ['203.0.113.7'] }]);
    expect(changes[0].summary).toContain('192.0.2.0/24 added, 203.0.113.7 removed');
    // The same entries in another order are no change.
    expect(compare({ keys: [buildKey({ ipWhitelist: ['a', 'b'] })] }, { keys: [buildKey({ ipWhitelist: ['b', 'a'] })] }).changes).toEqual([]);
  });

  it('reports findings opened (at their severity), resolved (shown, not dropped) and accepted', () => {
    const critical = buildFinding();
    const old = buildFinding({ ruleId: 'key-older-than-threshold', severity: 'medium', title: 'Older than 180 days' });
    const trade = buildFinding({ ruleId: 'trade-without-ip-whitelist', severity: 'high', title: 'Can trade from any IP address' });
    const acceptedTrade = { ...trade, acceptance: { reason: 'market maker', expiresAt: '2027-01-01' } };
    const { changes } = compare({ findings: [old, trade] }, { findings: [critical, acceptedTrade] });
    expect(changes.map((change) => [change.kind, change.severity, change.ruleId])).toEqual([
      ['finding-opened', 'critical', 'withdraw-without-ip-whitelist'],
      ['finding-resolved', 'info', 'key-older-than-threshold'],
      ['finding-accepted', 'info', 'trade-without-ip-whitelist'],
    ]);
    expect(changes[1].summary).toBe('Key "grid bot" (6601…c0d1) on sub-account alpha on KuCoin: "Older than 180 days" is resolved.');
    expect(changes[2].summary).toContain('accepted as a risk until 2027-01-01 (market maker)');
    // An acceptance that ended opens the finding again.
    expect(compare({ findings: [acceptedTrade] }, { findings: [trade] }).changes).toMatchObject([{ kind: 'finding-opened', severity: 'high' }]);
  });

  it('reports sub-accounts that appeared or went on a connection both runs listed', () => {
    const withBeta = buildConnection({ accounts: [...buildConnection().accounts, { account: { kind: 'sub', name: 'beta' }, status: 'ok', error: null, keyCount: 0 }] });
    expect(compare({}, { connections: [withBeta] }).changes).toMatchObject([{ kind: 'account-added', account: { name: 'beta' }, keyId: null, summary: 'Sub-account beta on KuCoin appeared, with 0 keys.' }]);
    expect(compare({ connections: [withBeta] }, {}).changes).toMatchObject([{ kind: 'account-removed', account: { name: 'beta' }, severity: 'info' }]);
  });

  it('reports the keys of a sub-account that is no longer listed as removed', () => {
    const withoutAlpha = buildConnection({ accounts: [buildConnection().accounts[0]] });
    expect(kinds(compare({}, { connections: [withoutAlpha], keys: [] }).changes).sort()).toEqual(['account-removed', 'key-removed']);
  });

  it('sorts the most severe first', () => {
    const added = withdrawKey({ id: 'key-new', apiKey: '99aabbccddeeff0011223344', ipWhitelist: null });
    const { changes } = compare({ keys: [buildKey(), withdrawKey({ id: 'key-2', apiKey: 'ffff0000ffff0000' })] }, { keys: [added, buildKey({ ipWhitelist: ['203.0.113.7', '192.0.2.1'] }), buildKey({ id: 'key-2', apiKey: 'ffff0000ffff0000' })] });
    expect(changes.map((change) => change.severity)).toEqual(['critical', 'low', 'info']);
  });
});
