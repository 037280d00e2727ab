import type { SortColumn } from '../utils/key-view-state.ts';

/** The sortable columns in display order, after the selection checkbox column. */
export const KEY_COLUMNS: ReadonlyArray<readonly [SortColumn, string]> = [
  ['severity', 'Severity'],
  ['exchange', 'Exchange'],
  ['account', 'Account'],
  ['label', 'Label'],
  ['key', 'API key'],
  ['permissions', 'Permissions'],
  ['whitelist', 'IP whitelist'],
  ['created', 'Created'],
  ['revoke', 'Revoke'],
];

export const KEY_TABLE_COLUMN_COUNT = KEY_COLUMNS.length + 1;
