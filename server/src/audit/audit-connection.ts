import type { AccountRef, AuditedKey, ExchangeKey } from '@contract/audited-key.ts';
import type { AccountResult, ConnectionResult } from '@contract/audit-run.ts';
import type { ExchangeAdapter } from '../exchanges/exchange-adapter.ts';
import { toFailure } from '../exchanges/exchange-error.ts';
import type { StoredConnection } from '../secrets/stored-connection.ts';
import { toAuditedKeys } from './key-id.ts';
import { mapBounded } from './map-bounded.ts';

export type ConnectionAudit = { result: ConnectionResult; keys: AuditedKey[] };
export type AuditProgress = {
  connectionId: string;
  /** Sub-accounts read so far, of `accountsTotal` (0 until the sub-account list is in). */
  accountsDone: number;
  accountsTotal: number;
  /** The accounts read since the previous report, and the keys found on them. */
  accounts: AccountResult[];
  keys: AuditedKey[];
};

/**
 * Audits one connection: its own key, then every sub-account's keys with bounded concurrency.
 * One failing sub-account never blanks the others; it marks the connection partial.
 * `onProgress` hears of each account as it is read, so a caller can show keys before the end.
 * The adapter is built inside, so a connection whose adapter cannot be built (a refused base URL)
 * fails on its own instead of failing the whole run.
 */
export async function auditConnection(
  connection: StoredConnection,
  getAdapter: () => ExchangeAdapter,
  { concurrency, onProgress }: { concurrency: number; onProgress?: (progress: AuditProgress) => void },
): Promise<ConnectionAudit> {
  const base = { connectionId: connection.id, exchange: connection.exchange, label: connection.label };
  /** One account's listing at a time: a key's id may depend on the other keys listed with it (key-id.ts). */
  const stamp = (listing: ExchangeKey[]): AuditedKey[] => toAuditedKeys(connection.id, listing);
  const report = (update: Omit<AuditProgress, 'connectionId'>) => onProgress?.({ connectionId: connection.id, ...update });

  let adapter: ExchangeAdapter;
  let callingKey: ExchangeKey;
  try {
    adapter = getAdapter();
    callingKey = await adapter.fetchCallingKey(connection.credentials);
  } catch (error) {
    return { result: { ...base, status: 'failed', error: toFailure(error), accounts: [] }, keys: [] };
  }
  const keys: AuditedKey[] = stamp([callingKey]);
  const accounts: AccountResult[] = [{ account: callingKey.account, status: 'ok', error: null, keyCount: 1 }];
  if (callingKey.account.kind !== 'master') return { result: { ...base, status: 'ok', error: null, accounts }, keys };

  if (adapter.fetchOtherMasterKeys) {
    try {
      const others = await adapter.fetchOtherMasterKeys(connection.credentials);
      keys.push(...stamp(others));
      accounts[0] = { ...accounts[0], keyCount: 1 + others.length };
    } catch (error) {
      accounts[0] = { ...accounts[0], status: 'failed', error: toFailure(error) };
    }
  }
  report({ accountsDone: 0, accountsTotal: 0, accounts: [accounts[0]], keys: [...keys] });

  let subAccounts: AccountRef[];
  try {
    subAccounts = await adapter.fetchSubAccounts(connection.credentials);
  } catch (error) {
    return { result: { ...base, status: 'partial', error: toFailure(error), accounts }, keys };
  }
  let done = 0;
  report({ accountsDone: 0, accountsTotal: subAccounts.length, accounts: [], keys: [] });
  const subResults = await mapBounded(subAccounts, concurrency, async (account) => {
    let found: AuditedKey[] = [];
    let result: AccountResult;
    try {
      found = stamp(await adapter.fetchSubAccountKeys(connection.credentials, account));
      keys.push(...found);
      result = { account, status: 'ok', error: null, keyCount: found.length };
    } catch (error) {
      result = { account, status: 'failed', error: toFailure(error), keyCount: 0 };
    }
    report({ accountsDone: ++done, accountsTotal: subAccounts.length, accounts: [result], keys: found });
    return result;
  });
  accounts.push(...subResults);
  const status = accounts.some((account) => account.status === 'failed') ? 'partial' : 'ok';
  return { result: { ...base, status, error: null, accounts }, keys };
}
