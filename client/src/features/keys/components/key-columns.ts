import type { SortColumn } from '../utils/key-view-state.ts';

/**
 * The sortable columns in display order, after the selection checkbox column. Severity and Label come first and
 * stay in view (sticky) when the table scrolls sideways, as does Revoke at the end: which key, how bad, what to do.
 */
export const KEY_COLUMNS: ReadonlyArray<readonly [SortColumn, string]> = [
  ['severity', 'Severity'],
  ['label', 'Label'],
  ['exchange', 'Exchange'],
  ['account', 'Account'],
  ['key', 'API key'],
  ['permissions', 'Permissions'],
  ['whitelist', 'IP whitelist'],
  ['expires', 'Expires'],
  ['lastUsed', 'Last used'],
  ['created', 'Created'],
  ['revoke', 'Revoke'],
];

export const KEY_TABLE_COLUMN_COUNT = KEY_COLUMNS.length + 1;
