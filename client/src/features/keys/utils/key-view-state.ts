import { CAPABILITIES, type Capability } from '@contract/capability.ts';
import { EXCHANGE_IDS, type ExchangeId } from '@contract/exchange-id.ts';
import { SEVERITIES, type Severity } from '@contract/finding.ts';

export const SORT_COLUMNS = ['severity', 'exchange', 'account', 'label', 'key', 'permissions', 'whitelist', 'expires', 'lastUsed', 'created', 'revoke'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type SortDirection = 'asc' | 'desc';
export type KeySort = { column: SortColumn; direction: SortDirection };

/** Severity filter: a key's worst open finding, or 'none' for keys without open findings. */
export type SeverityFilter = Severity | 'none';

/** Expires filter: within EXPIRES_SOON_DAYS (or already expired), or with no expiry date at all. */
export const EXPIRY_FILTERS = ['soon', 'none'] as const;
export type ExpiryFilter = (typeof EXPIRY_FILTERS)[number];
export const EXPIRES_SOON_DAYS = 14;

/** Last used filter, where the exchange reports use: never used, or not used for that many days (never used included). */
export const USE_FILTERS = ['never', 'unused30', 'unused90', 'unused365'] as const;
export type UseFilter = (typeof USE_FILTERS)[number];
export const UNUSED_DAYS: Record<Exclude<UseFilter, 'never'>, number> = { unused30: 30, unused90: 90, unused365: 365 };

/** Everything that shapes the key list; lives in the URL so a view can be bookmarked. */
export type KeyViewState = {
  q: string;
  exchange: ExchangeId | null;
  /** `master` or `sub:<name>`. */
  account: string | null;
  capability: Capability | null;
  severity: SeverityFilter | null;
  expiry: ExpiryFilter | null;
  use: UseFilter | null;
  noWhitelist: boolean;
  canWithdraw: boolean;
  /** Owner as written in the key's annotation (exact), or null for any. */
  owner: string | null;
  /** Only keys nobody is named the owner of: an unowned key is a finding in many audits. */
  noOwner: boolean;
  /** One tag (lower-case, as stored), or null for any. */
  tag: string | null;
  /** Only keys bound to a third-party application: after that platform leaks, the set to revoke. */
  thirdParty: boolean;
  showAccepted: boolean;
  sort: KeySort;
};

export const DEFAULT_SORT: KeySort = { column: 'severity', direction: 'desc' };

export const DEFAULT_KEY_VIEW_STATE: KeyViewState = {
  q: '',
  exchange: null,
  account: null,
  capability: null,
  severity: null,
  expiry: null,
  use: null,
  owner: null,
  noOwner: false,
  tag: null,
  noWhitelist: false,
  canWithdraw: false,
  thirdParty: false,
  showAccepted: false,
  sort: DEFAULT_SORT,
};

/** The query parameters this module owns; any other (`view`) is left as it is. */
const OWN_PARAMS = ['q', 'exchange', 'account', 'capability', 'severity', 'expiry', 'use', 'owner', 'noOwner', 'tag', 'noWhitelist', 'canWithdraw', 'thirdParty', 'showAccepted', 'sort'];

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null =>
  values.find((candidate) => candidate === value) ?? null;

/** Reads the state from a query string; unknown or malformed values fall back to the defaults. */
export function parseKeyViewState(search: string): KeyViewState {
  const params = new URLSearchParams(search);
  const [column, direction] = (params.get('sort') ?? '').split(':');
  const sortColumn = oneOf(SORT_COLUMNS, column ?? null);
  const sortDirection = oneOf(['asc', 'desc'] as const, direction ?? null);
  return {
    q: params.get('q') ?? '',
    exchange: oneOf(EXCHANGE_IDS, params.get('exchange')),
    account: params.get('account') || null,
    capability: oneOf(CAPABILITIES, params.get('capability')),
    severity: oneOf([...SEVERITIES, 'none'] as const, params.get('severity')),
    expiry: oneOf(EXPIRY_FILTERS, params.get('expiry')),
    use: oneOf(USE_FILTERS, params.get('use')),
    owner: params.get('owner') || null,
    noOwner: params.get('noOwner') === '1',
    tag: params.get('tag')?.toLowerCase() || null,
    noWhitelist: params.get('noWhitelist') === '1',
    canWithdraw: params.get('canWithdraw') === '1',
    thirdParty: params.get('thirdParty') === '1',
    showAccepted: params.get('showAccepted') === '1',
    sort: sortColumn && sortDirection ? { column: sortColumn, direction: sortDirection } : DEFAULT_SORT,
  };
}

/** Writes the state into a copy of `search`, leaving defaults out so URLs stay short. */
export function toSearchParams(state: KeyViewState, search: string): URLSearchParams {
  const params = new URLSearchParams(search);
  for (const name of OWN_PARAMS) params.delete(name);
  if (state.q.trim()) params.set('q', state.q);
  if (state.exchange) params.set('exchange', state.exchange);
  if (state.account) params.set('account', state.account);
  if (state.capability) params.set('capability', state.capability);
  if (state.severity) params.set('severity', state.severity);
  if (state.expiry) params.set('expiry', state.expiry);
  if (state.use) params.set('use', state.use);
  if (state.owner) params.set('owner', state.owner);
  if (state.noOwner) params.set('noOwner', '1');
  if (state.tag) params.set('tag', state.tag);
  if (state.noWhitelist) params.set('noWhitelist', '1');
  if (state.canWithdraw) params.set('canWithdraw', '1');
  if (state.thirdParty) params.set('thirdParty', '1');
  if (state.showAccepted) params.set('showAccepted', '1');
  const { column, direction } = state.sort;
  if (column !== DEFAULT_SORT.column || direction !== DEFAULT_SORT.direction) params.set('sort', `${column}:${direction}`);
  return params;
}

/** True when any filter or the search narrows the list (sorting does not). */
export function hasActiveFilters(state: KeyViewState): boolean {
  return toSearchParams({ ...state, sort: DEFAULT_SORT, showAccepted: false }, '').toString() !== '';
}
