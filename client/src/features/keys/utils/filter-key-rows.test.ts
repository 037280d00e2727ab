import { describe, expect, it } from 'vitest';
import type { AuditedKey } from '@contract/audited-key.ts';
import { CAPABILITIES } from '@contract/capability.ts';
import { EXCHANGE_IDS } from '@contract/exchange-id.ts';
import { SEVERITIES } from '@contract/finding.ts';
import { buildAuditedKey, buildFinding } from '../../../testing/fixtures.ts';
import { toKeyRows, type KeyRowModel } from './key-row-model.ts';
import { filterKeyRows, indexKeyAnnotations, indexKeyRowsForFilters, matchKeyRows, pickKeyRows } from './filter-key-rows.ts';
import { DEFAULT_KEY_VIEW_STATE, EXPIRY_FILTERS, USE_FILTERS } from './key-view-state.ts';

const withdrawAnyIp = buildAuditedKey({
  id: 'payout',
  label: 'Payout Bot',
  account: { kind: 'sub', name: 'treasury' },
  permissions: ['General', 'Transfer'],
  capabilities: [{ capability: 'withdraw', from: 'Transfer', isUncertain: true }],
  ipWhitelist: null,
});
const catchAll = buildAuditedKey({ id: 'grid', label: 'grid', ipWhitelist: ['0.0.0.0/0'], apiKey: 'abcdef0123456789' });
const master = buildAuditedKey({ id: 'master', exchange: 'bybit', label: 'main', account: { kind: 'master', name: 'master' }, ipWhitelist: 'unknown', isThirdPartyBound: false });
const readOnly = buildAuditedKey({ id: 'reader', label: 'tax', capabilities: [{ capability: 'read', from: 'General', isUncertain: false }], isThirdPartyBound: true });
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
    // Linked to a third party: only where the exchange says so; false and "not said" are both left out.
    [{ thirdParty: true, showAccepted: true }, ['reader']],
    [{ thirdParty: true, canWithdraw: true }, []],
    [{ exchange: 'okx' as const, showAccepted: true }, []],
    [{ account: 'sub:nobody' }, []],
    [{ capability: 'earn' as const }, []],
    [{ severity: 'low' as const }, []],
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
    const matches = matchKeyRows(indexKeyRowsForFilters(rows), { ...DEFAULT_KEY_VIEW_STATE, showAccepted: true, noWhitelist: true });
    expect(Array.from(matches)).toEqual([1, 1, 0, 0]);
    expect(pickKeyRows(rows, [3, 1, 2, 0], matches).map((row) => row.key.id)).toEqual(['grid', 'payout']);
  });
});

/** Each filter as a plain predicate on one row: the index-based matching must agree with it. */
function passesAsSpecified(row: KeyRowModel, filters: typeof DEFAULT_KEY_VIEW_STATE) {
  const query = filters.q.trim().toLowerCase();
  return (
    (filters.showAccepted || row.level !== 'accepted') &&
    (filters.exchange === null || row.key.exchange === filters.exchange) &&
    (filters.account === null || row.accountValue === filters.account) &&
    (filters.capability === null || row.key.capabilities.some(({ capability }) => capability === filters.capability)) &&
    (filters.severity === null || (filters.severity === 'none' ? row.findings.worst === null : row.findings.worst === filters.severity)) &&
    (!filters.noWhitelist || row.hasNoWhitelist) &&
    (!filters.canWithdraw || row.canWithdraw) &&
    (filters.expiry === null || (filters.expiry === 'none' ? row.expiresMs === null : row.expiresMs !== null && row.expiresMs <= NOW + 14 * DAY)) &&
    (filters.use === null ||
      (row.reportsLastUse &&
        (filters.use === 'never' ? row.lastUsedMs === null : row.lastUsedMs === null || NOW - row.lastUsedMs >= { unused30: 30, unused90: 90, unused365: 365 }[filters.use] * DAY))) &&
    (query === '' || row.searchText.includes(query))
  );
}

const NOW = Date.parse('2026-11-01T00:00:00Z');
const DAY = 86_400_000;
const daysFromNow = (days: number) => new Date(NOW + days * DAY).toISOString();

describe(`${filterKeyRows.name} on random keys and filters`, () => {
  let state = 7;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pick = <T,>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const keys: AuditedKey[] = Array.from({ length: 300 }, (_, index) =>
    buildAuditedKey({
      id: `key-${index}`,
      exchange: pick(EXCHANGE_IDS),
      account: random() < 0.2 ? { kind: 'master', name: 'master' } : { kind: 'sub', name: pick(['alpha', 'Beta', 'gamma 2']) },
      label: pick(['Grid bot', 'tax', 'payout 2', '']),
      capabilities: CAPABILITIES.filter(() => random() < 0.2).map((capability) => ({ capability, from: capability, isUncertain: false })),
      ipWhitelist: pick([null, 'unknown', [], ['0.0.0.0/0'], ['203.0.113.7']] as const) as AuditedKey['ipWhitelist'],
      expiresAt: pick([null, daysFromNow(-2), daysFromNow(13.9), daysFromNow(14.1), daysFromNow(400)]),
      lastUsedAt: pick([null, daysFromNow(-1), daysFromNow(-29.9), daysFromNow(-30.1), daysFromNow(-100), daysFromNow(-380), daysFromNow(-500)]),
    }),
  );
  const findings = keys.flatMap((key) =>
    Array.from({ length: Math.floor(random() * 3) }, (_, index) =>
      buildFinding({ keyId: key.id, ruleId: `rule-${index}`, severity: pick(SEVERITIES), acceptance: random() < 0.3 ? { reason: 'r', expiresAt: '2099-01-01' } : null }),
    ),
  );
  const randomRows = toKeyRows(keys, findings);

  it('lets through exactly the rows every filter lets through', () => {
    for (let trial = 0; trial < 300; trial++) {
      const filters = {
        ...DEFAULT_KEY_VIEW_STATE,
        q: pick(['', '', 'grid', ' TAX ', 'beta', 'kucoin', '2']),
        exchange: random() < 0.3 ? pick(EXCHANGE_IDS) : null,
        account: random() < 0.3 ? pick(['master', 'sub:alpha', 'sub:Beta', 'sub:gamma 2', 'sub:gone']) : null,
        capability: random() < 0.3 ? pick(CAPABILITIES) : null,
        severity: random() < 0.3 ? pick([...SEVERITIES, 'none' as const]) : null,
        noWhitelist: random() < 0.3,
        canWithdraw: random() < 0.3,
        showAccepted: random() < 0.5,
        expiry: random() < 0.3 ? pick(EXPIRY_FILTERS) : null,
        use: random() < 0.3 ? pick(USE_FILTERS) : null,
      };
      const expected = randomRows.filter((row) => passesAsSpecified(row, filters)).map((row) => row.key.id);
      const shown = pickKeyRows(randomRows, randomRows.map((_, index) => index), matchKeyRows(indexKeyRowsForFilters(randomRows), filters, NOW));
      expect({ filters, ids: shown.map((row) => row.key.id) }).toEqual({ filters, ids: expected });
    }
  });
});

describe('owner, purpose and tags', () => {
  const annotations = new Map([
    ['payout', { owner: 'ana', purpose: 'Treasury payouts', tags: ['bot', 'prod'] }],
    ['grid', { owner: null, purpose: null, tags: ['bot'] }],
    ['reader', { owner: 'Koinly', purpose: null, tags: ['tax'] }],
  ]);
  const index = indexKeyAnnotations(indexKeyRowsForFilters(rows), rows, annotations);
  const annotated = (filters: Partial<typeof DEFAULT_KEY_VIEW_STATE>) =>
    rows.filter((_, at) => matchKeyRows(index, { ...DEFAULT_KEY_VIEW_STATE, showAccepted: true, ...filters })[at] === 1).map((row) => row.key.id);

  it('filters by one tag, by one owner, and by no owner at all', () => {
    expect(annotated({ tag: 'bot' })).toEqual(['payout', 'grid']);
    expect(annotated({ tag: 'tax' })).toEqual(['reader']);
    expect(annotated({ owner: 'ana' })).toEqual(['payout']);
    expect(annotated({ noOwner: true })).toEqual(['grid', 'master']);
    expect(annotated({ tag: 'bot', noOwner: true })).toEqual(['grid']);
  });

  it('finds keys by owner, purpose or tag in the search, whatever the case', () => {
    expect(annotated({ q: 'KOINLY' })).toEqual(['reader']);
    expect(annotated({ q: 'payouts' })).toEqual(['payout']);
    expect(annotated({ q: 'prod' })).toEqual(['payout']);
  });

  it('without annotations, an owner or tag filter matches nothing and no owner matches every key', () => {
    const bare = indexKeyRowsForFilters(rows);
    expect(indexKeyAnnotations(bare, rows, new Map())).toBe(bare);
    const all = { ...DEFAULT_KEY_VIEW_STATE, showAccepted: true };
    expect([...matchKeyRows(bare, { ...all, tag: 'bot' })]).toEqual([0, 0, 0, 0]);
    expect([...matchKeyRows(bare, { ...all, noOwner: true })]).toEqual([1, 1, 1, 1]);
  });
});
