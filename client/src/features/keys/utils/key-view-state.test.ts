import { describe, expect, it } from 'vitest';
import { DEFAULT_KEY_VIEW_STATE, hasActiveFilters, parseKeyViewState, toSearchParams } from './key-view-state.ts';

describe(parseKeyViewState.name, () => {
  it('reads every filter, the search and the sort from the query string', () => {
    const state = parseKeyViewState(
      '?view=keys&q=bot&exchange=kucoin&account=sub%3Agrid%20bot%202&capability=withdraw&severity=critical&expiry=soon&use=unused90&owner=ana%20b&noOwner=1&tag=Prod&noWhitelist=1&canWithdraw=1&thirdParty=1&showAccepted=1&sort=lastUsed:asc',
    );
    expect(state).toEqual({
      q: 'bot',
      exchange: 'kucoin',
      account: 'sub:grid bot 2',
      capability: 'withdraw',
      severity: 'critical',
      expiry: 'soon',
      use: 'unused90',
      owner: 'ana b',
      noOwner: true,
      tag: 'prod',
      noWhitelist: true,
      canWithdraw: true,
      thirdParty: true,
      showAccepted: true,
      sort: { column: 'lastUsed', direction: 'asc' },
    });
  });

  it('falls back to the defaults for unknown or malformed values', () => {
    expect(parseKeyViewState('?exchange=ftx&severity=scary&capability=fly&noWhitelist=yes&expiry=later&use=sometimes&sort=colour:up')).toEqual(DEFAULT_KEY_VIEW_STATE);
    expect(parseKeyViewState('?sort=label').sort).toEqual({ column: 'severity', direction: 'desc' });
  });
});

describe(toSearchParams.name, () => {
  it('round-trips through the URL and keeps parameters it does not own, such as view', () => {
    const state = { ...DEFAULT_KEY_VIEW_STATE, q: 'tax', severity: 'none' as const, noWhitelist: true, sort: { column: 'label' as const, direction: 'asc' as const } };
    const params = toSearchParams(state, '?view=keys&severity=high');
    expect(params.toString()).toBe('view=keys&q=tax&severity=none&noWhitelist=1&sort=label%3Aasc');
    expect(parseKeyViewState(`?${params}`)).toEqual(state);
  });

  it('leaves the defaults out, so a plain view has a plain URL', () => {
    expect(toSearchParams(DEFAULT_KEY_VIEW_STATE, '').toString()).toBe('');
    expect(toSearchParams({ ...DEFAULT_KEY_VIEW_STATE, q: '   ' }, '').toString()).toBe('');
  });
});

describe(hasActiveFilters.name, () => {
  it('counts filters and the search, not the sort or showing accepted keys', () => {
    expect(hasActiveFilters({ ...DEFAULT_KEY_VIEW_STATE, sort: { column: 'label', direction: 'asc' }, showAccepted: true })).toBe(false);
    expect(hasActiveFilters({ ...DEFAULT_KEY_VIEW_STATE, canWithdraw: true })).toBe(true);
    expect(hasActiveFilters({ ...DEFAULT_KEY_VIEW_STATE, q: 'x' })).toBe(true);
  });
});
