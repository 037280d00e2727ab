import type { AccountRef, AuditedKey, ExchangeKey } from '@contract/audited-key.ts';
import type { AccountResult } from '@contract/audit-run.ts';
import type { CoverageNote } from '@contract/coverage-note.ts';
import type { ExchangeAdapter } from '../exchanges/exchange-adapter.ts';
import { toFailure } from '../exchanges/exchange-error.ts';
import type { StoredConnection } from '../secrets/stored-connection.ts';
import { otherMasterKeysNote, subAccountOnlyNote } from './coverage-notes.ts';
import { toAuditedKeys } from './key-id.ts';

/** One account as read from the exchange: how it went and the keys found (none when it failed). */
export type AccountRead = { result: AccountResult; keys: AuditedKey[] };

/** One listing at a time: a key's id may depend on the other keys listed with it (key-id.ts). */
const stamp = (connection: StoredConnection, listing: ExchangeKey[]): AuditedKey[] => toAuditedKeys(connection.id, listing);

/**
 * The connection's own account: its calling key, and on a master the other master keys where the
 * exchange lists them. Rejects when the calling key cannot be read (nothing on the connection can be);
 * a failure to list the other master keys marks the account failed but keeps the calling key.
 * `notes` says what the exchange's answer left out (say, a main-key listing that named only the caller).
 */
export async function readOwnAccount(
  adapter: ExchangeAdapter,
  connection: StoredConnection,
): Promise<AccountRead & { isMaster: boolean; notes: CoverageNote[] }> {
  const callingKey = await adapter.fetchCallingKey(connection.credentials);
  const keys = stamp(connection, [callingKey]);
  let result: AccountResult = { account: callingKey.account, status: 'ok', error: null, keyCount: 1 };
  const isMaster = callingKey.account.kind === 'master';
  const notes: CoverageNote[] = [];
  // An adapter without the call is an exchange whose API cannot list them (ExchangeApiAbilities.canListOtherMasterKeys).
  if (isMaster && !adapter.fetchOtherMasterKeys) notes.push(otherMasterKeysNote(connection.exchange));
  if (!isMaster) notes.push(subAccountOnlyNote(connection.exchange, callingKey.account.name));
  if (isMaster && adapter.fetchOtherMasterKeys) {
    try {
      const others = await adapter.fetchOtherMasterKeys(connection.credentials);
      keys.push(...stamp(connection, others.keys));
      if (others.note) notes.push(others.note);
      result = { ...result, keyCount: keys.length };
    } catch (error) {
      result = { ...result, status: 'failed', error: toFailure(error) };
    }
  }
  return { result, keys, isMaster, notes };
}

/** One sub-account of a master. Never rejects: a failure is the account's result, with no keys. */
export async function readSubAccount(adapter: ExchangeAdapter, connection: StoredConnection, account: AccountRef): Promise<AccountRead> {
  try {
    const keys = stamp(connection, await adapter.fetchSubAccountKeys(connection.credentials, account));
    return { result: { account, status: 'ok', error: null, keyCount: keys.length }, keys };
  } catch (error) {
    return { result: { account, status: 'failed', error: toFailure(error), keyCount: 0 }, keys: [] };
  }
}
