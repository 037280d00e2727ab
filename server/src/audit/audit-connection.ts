import type { AccountRef, AuditedKey } from '@contract/audited-key.ts';
import type { ConnectionResult } from '@contract/audit-run.ts';
import type { CoverageNote } from '@contract/coverage-note.ts';
import type { Failure } from '@contract/exchange-error-kind.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import type { ExchangeAdapter } from '../exchanges/exchange-adapter.ts';
import { toFailure } from '../exchanges/exchange-error.ts';
import { SubAccountsNotListedError } from '../exchanges/sub-accounts-not-listed-error.ts';
import type { StoredConnection } from '../secrets/stored-connection.ts';
import { keyCoverageNotes } from './coverage-notes.ts';
import { mapBounded } from './map-bounded.ts';
import { readOwnAccount, readSubAccount, type AccountRead } from './read-account.ts';

export type ConnectionAudit = { result: ConnectionResult; keys: AuditedKey[] };

export type ConnectionAuditListener = {
  /** A master listed its sub-accounts: the accounts still to read, in the order the result will list them. */
  onAccountsListed?: (accounts: AccountRef[]) => void;
  /** One account has been read (or failed): each account is reported exactly once. */
  onAccountRead?: (read: AccountRead) => void;
};

/**
 * Audits one connection: its own key, then every sub-account's keys with bounded concurrency.
 * One failing sub-account never blanks the others; it marks the connection partial.
 * The listener hears of each account as it is read, so a caller can show keys before the end.
 * The adapter is built inside, so a connection whose adapter cannot be built (a refused base URL)
 * fails on its own instead of failing the whole run.
 */
export async function auditConnection(
  connection: StoredConnection,
  getAdapter: () => ExchangeAdapter,
  { concurrency, onAccountsListed, onAccountRead }: { concurrency: number } & ConnectionAuditListener,
): Promise<ConnectionAudit> {
  const base = { connectionId: connection.id, exchange: connection.exchange, label: connection.label };

  let adapter: ExchangeAdapter;
  let own: Awaited<ReturnType<typeof readOwnAccount>>;
  try {
    adapter = getAdapter();
    own = await readOwnAccount(adapter, connection);
  } catch (error) {
    return { result: { ...base, status: 'failed', error: namingAuditKeyNeeds(connection, toFailure(error)), accounts: [] }, keys: [] };
  }
  onAccountRead?.({ result: own.result, keys: own.keys });
  const keys = [...own.keys];
  const accounts = [own.result];
  const statusOf = () => (accounts.some((account) => account.status === 'failed') ? 'partial' : 'ok');
  // What the exchange left out, said for the whole connection: the adapter's own notes, then the keys' gaps.
  const notesOf = () => [...own.notes, ...keyCoverageNotes(connection.exchange, keys)];
  if (!own.isMaster) return { result: { ...base, status: statusOf(), error: null, accounts, ...withNotes(notesOf()) }, keys };

  let subAccounts: AccountRef[];
  try {
    subAccounts = await adapter.fetchSubAccounts(connection.credentials);
  } catch (error) {
    // A lasting refusal (Bitget's key bound to no IP) is a gap in what was seen, not an outage to retry: said as a note.
    if (error instanceof SubAccountsNotListedError) return { result: { ...base, status: statusOf(), error: null, accounts, notes: [...notesOf(), error.note] }, keys };
    return { result: { ...base, status: 'partial', error: namingAuditKeyNeeds(connection, toFailure(error)), accounts, ...withNotes(notesOf()) }, keys };
  }
  onAccountsListed?.(subAccounts);
  const subReads = await mapBounded(subAccounts, concurrency, async (account) => {
    const read = await readSubAccount(adapter, connection, account);
    onAccountRead?.(read);
    return read;
  });
  for (const read of subReads) {
    accounts.push(read.result);
    keys.push(...read.keys);
  }
  return { result: { ...base, status: statusOf(), error: null, accounts, ...withNotes(notesOf()) }, keys };
}

/** `notes` only when there are some: a connection without gaps looks as it always did. */
const withNotes = (notes: CoverageNote[]) => (notes.length > 0 ? { notes } : {});

/**
 * A connection refused for lack of permission says which permission the audit key needs on that exchange (the exchange
 * table's auditKeyNeeds), unless the adapter's message already does.
 */
function namingAuditKeyNeeds(connection: StoredConnection, failure: Failure): Failure {
  const { why } = exchangeInfo(connection.exchange).auditKeyNeeds;
  if (failure.kind !== 'permission-denied' || failure.message.includes(why)) return failure;
  return { ...failure, message: `${failure.message} What an audit key needs: ${why}` };
}
