import { CAPABILITIES } from '@contract/capability.ts';
import { EXCHANGE_IDS } from '@contract/exchange-id.ts';
import { SEVERITIES } from '@contract/finding.ts';
import type { KeyAnnotation } from '@contract/key-annotation.ts';
import type { KeyRowModel } from './key-row-model.ts';
import { EXPIRES_SOON_DAYS, UNUSED_DAYS, type KeyViewState } from './key-view-state.ts';

type KeyFilters = Omit<KeyViewState, 'sort'>;

const ACCEPTED_ONLY = 1;
const NO_WHITELIST = 2;
const CAN_WITHDRAW = 4;
const THIRD_PARTY = 8;
const REPORTS_LAST_USE = 16;
const DAY_MS = 24 * 3600_000;
/** `worst` for a key without open findings. */
const NO_OPEN_FINDING = 0;

/**
 * What the filters test, one compact typed array per field, in the rows' order. A filter pass over
 * 50,000 rows then reads a few hundred kilobytes in sequence instead of 50,000 row objects scattered
 * in memory, which is several times faster, and far less at the mercy of a busy machine's caches.
 */
export type KeyRowFilterIndex = {
  flags: Uint8Array;
  exchange: Uint8Array;
  /** Index into `accountValues`. */
  account: Int32Array;
  accountValues: ReadonlyMap<string, number>;
  /** Bit i set: the key has CAPABILITIES[i]. */
  capabilities: Uint32Array;
  /** 1 + index into SEVERITIES of the worst open finding, or NO_OPEN_FINDING. */
  worst: Uint8Array;
  /** Milliseconds since the epoch, NaN where there is none. */
  expiresMs: Float64Array;
  lastUsedMs: Float64Array;
  searchText: readonly string[];
  /** Owner, purpose and tags, which change without a new run: indexKeyAnnotations adds them. Absent: none. */
  annotations?: KeyRowAnnotationIndex;
};

/** Per row: its owner, its tags, and owner, purpose and tags lower-cased for the search ('' where none). */
export type KeyRowAnnotationIndex = { owner: readonly (string | null)[]; tags: readonly (readonly string[] | null)[]; searchText: readonly string[] };

/** One pass over the rows, each a map lookup: after a Save, the filters see the new annotation without re-indexing the run. */
export function indexKeyAnnotations(index: KeyRowFilterIndex, rows: readonly KeyRowModel[], annotations: ReadonlyMap<string, KeyAnnotation>): KeyRowFilterIndex {
  if (annotations.size === 0) return index;
  const owner: (string | null)[] = [];
  const tags: (readonly string[] | null)[] = [];
  const searchText: string[] = [];
  for (const row of rows) {
    const annotation = annotations.get(row.key.id);
    owner.push(annotation?.owner ?? null);
    tags.push(annotation && annotation.tags.length > 0 ? annotation.tags : null);
    searchText.push(annotation ? [annotation.owner ?? '', annotation.purpose ?? '', ...annotation.tags].join('\n').toLowerCase() : '');
  }
  return { ...index, annotations: { owner, tags, searchText } };
}

export function indexKeyRowsForFilters(rows: readonly KeyRowModel[]): KeyRowFilterIndex {
  const count = rows.length;
  const index: KeyRowFilterIndex = {
    flags: new Uint8Array(count),
    exchange: new Uint8Array(count),
    account: new Int32Array(count),
    accountValues: new Map(),
    capabilities: new Uint32Array(count),
    worst: new Uint8Array(count),
    expiresMs: Float64Array.from(rows, (row) => row.expiresMs ?? NaN),
    lastUsedMs: Float64Array.from(rows, (row) => row.lastUsedMs ?? NaN),
    searchText: rows.map((row) => row.searchText),
  };
  const accountValues = index.accountValues as Map<string, number>;
  rows.forEach((row, at) => {
    index.flags[at] = (row.level === 'accepted' ? ACCEPTED_ONLY : 0) | (row.hasNoWhitelist ? NO_WHITELIST : 0) | (row.canWithdraw ? CAN_WITHDRAW : 0) | (row.isThirdPartyBound ? THIRD_PARTY : 0) | (row.reportsLastUse ? REPORTS_LAST_USE : 0);
    index.exchange[at] = EXCHANGE_IDS.indexOf(row.key.exchange);
    let account = accountValues.get(row.accountValue);
    if (account === undefined) accountValues.set(row.accountValue, (account = accountValues.size));
    index.account[at] = account;
    index.capabilities[at] = row.key.capabilities.reduce((mask, { capability }) => mask | (1 << CAPABILITIES.indexOf(capability)), 0);
    index.worst[at] = row.findings.worst === null ? NO_OPEN_FINDING : 1 + SEVERITIES.indexOf(row.findings.worst);
  });
  return index;
}

/** One byte per row, in the rows' own order: 1 where the filters let the row through. */
export type KeyRowMatches = Uint8Array;

/**
 * Which rows the filters and search let through. Keys whose only findings are accepted risks stay
 * hidden unless `showAccepted` is set: accepting a risk is how a user clears it from the review.
 * The result does not depend on the sort, so a new sort reuses it. `nowMs` dates the Expires and Last used filters.
 * Last used filters only keep keys whose exchange reports use: elsewhere a key without a date is not "never used".
 */
export function matchKeyRows(index: KeyRowFilterIndex, filters: KeyFilters, nowMs: number = Date.now()): KeyRowMatches {
  const query = filters.q.trim().toLowerCase();
  const count = index.flags.length;
  const matches = new Uint8Array(count);
  // An exchange or account that no row has matches nothing; -1 never equals a stored index.
  const exchange = filters.exchange === null ? null : EXCHANGE_IDS.indexOf(filters.exchange);
  const account = filters.account === null ? null : (index.accountValues.get(filters.account) ?? -1);
  const capabilityBit = filters.capability === null ? 0 : 1 << CAPABILITIES.indexOf(filters.capability);
  const severity = filters.severity;
  const worst = severity === null ? null : severity === 'none' ? NO_OPEN_FINDING : 1 + SEVERITIES.indexOf(severity);
  const rejectFlags = filters.showAccepted ? 0 : ACCEPTED_ONLY;
  const requireFlags =
    (filters.noWhitelist ? NO_WHITELIST : 0) | (filters.canWithdraw ? CAN_WITHDRAW : 0) | (filters.thirdParty ? THIRD_PARTY : 0) | (filters.use ? REPORTS_LAST_USE : 0);
  const expiresBefore = filters.expiry === 'soon' ? nowMs + EXPIRES_SOON_DAYS * DAY_MS : null;
  // NaN (never used) passes "unused for N days" and fails every comparison, hence the negation.
  const usedSince = filters.use && filters.use !== 'never' ? nowMs - UNUSED_DAYS[filters.use] * DAY_MS : null;
  const annotations = index.annotations;
  const ownerOf = (at: number) => annotations?.owner[at] ?? null;
  for (let at = 0; at < count; at++) {
    const flags = index.flags[at]!;
    const expires = index.expiresMs[at]!;
    const lastUsed = index.lastUsedMs[at]!;
    matches[at] = Number(
      (flags & rejectFlags) === 0 &&
        (flags & requireFlags) === requireFlags &&
        (exchange === null || index.exchange[at] === exchange) &&
        (account === null || index.account[at] === account) &&
        (capabilityBit === 0 || (index.capabilities[at]! & capabilityBit) !== 0) &&
        (worst === null || index.worst[at] === worst) &&
        (filters.expiry === null || (filters.expiry === 'none' ? Number.isNaN(expires) : expires <= expiresBefore!)) &&
        (filters.use === null || (filters.use === 'never' ? Number.isNaN(lastUsed) : !(lastUsed > usedSince!))) &&
        (filters.owner === null || ownerOf(at) === filters.owner) &&
        (!filters.noOwner || ownerOf(at) === null) &&
        (filters.tag === null || (annotations?.tags[at]?.includes(filters.tag) ?? false)) &&
        (query === '' || index.searchText[at]!.includes(query) || (annotations?.searchText[at]!.includes(query) ?? false)),
    );
  }
  return matches;
}

/** The matching rows, in `order` (indexes into `rows`, e.g. from a sort). */
export function pickKeyRows(rows: readonly KeyRowModel[], order: ArrayLike<number>, matches: KeyRowMatches): KeyRowModel[] {
  const picked: KeyRowModel[] = [];
  for (let position = 0; position < order.length; position++) {
    const at = order[position]!;
    if (matches[at] === 1) picked.push(rows[at]!);
  }
  return picked;
}

/** The rows the filters let through, in their order. */
export function filterKeyRows(rows: readonly KeyRowModel[], filters: KeyFilters): KeyRowModel[] {
  const matches = matchKeyRows(indexKeyRowsForFilters(rows), filters);
  return rows.filter((_, at) => matches[at] === 1);
}
