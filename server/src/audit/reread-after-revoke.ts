import type { RevokeResult } from '@contract/api.ts';
import type { AccountState } from '@contract/audit-events.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import type { Finding } from '@contract/finding.ts';
import type { ExchangeAdapter } from '../exchanges/exchange-adapter.ts';
import { ExchangeError } from '../exchanges/exchange-error.ts';
import type { StoredConnection } from '../secrets/stored-connection.ts';
import { readOwnAccount, readSubAccount, type AccountRead } from './read-account.ts';

export type RevokeOutcome = Pick<RevokeResult, 'confirmation' | 'message' | 'delta'>;

type RereadInput = {
  adapter: ExchangeAdapter;
  connection: StoredConnection;
  evaluateFindings: (keys: AuditedKey[]) => Finding[] | Promise<Finding[]>;
  /** The key the exchange has just deleted. */
  key: AuditedKey;
  /** Its account as the run holds it; null when the run no longer does. */
  previous: AccountState | null;
};

/**
 * Reads the revoked key's account again, and only that account, to see whether the key is really gone.
 * A sub-account of a master is listed again; the connection's own account is read as the audit reads
 * it (its calling key, and the other master keys where the exchange lists them). When the deleted key
 * is the calling key itself, the exchange then refusing it as unknown is the proof.
 */
export async function rereadAfterRevoke({ adapter, connection, evaluateFindings, key, previous }: RereadInput): Promise<RevokeOutcome> {
  const isOwnAccount = key.isCallingKey || key.account.kind === 'master' || (previous?.keys.some((candidate) => candidate.isCallingKey) ?? false);
  const exchange = EXCHANGE_NAMES[key.exchange];
  const removedOnTheExchangesWord = (message: string | null, confirmation: RevokeOutcome['confirmation']): RevokeOutcome => ({
    confirmation,
    message,
    delta: { accounts: [], removedKeyIds: [key.id] },
  });
  const unconfirmed = () =>
    removedOnTheExchangesWord(`${exchange} confirmed the deletion, but the account could not be read again to check it. Refresh later to be sure.`, 'unconfirmed');

  let read: AccountRead;
  if (isOwnAccount) {
    try {
      read = await readOwnAccount(adapter, connection);
    } catch (error) {
      const refusedAsUnknown = key.isCallingKey && error instanceof ExchangeError && error.kind === 'unknown-key';
      return refusedAsUnknown ? removedOnTheExchangesWord(null, 'gone') : unconfirmed();
    }
  } else {
    read = await readSubAccount(adapter, connection, key.account);
  }
  const stillListed = read.keys.some((candidate) => candidate.id === key.id);
  // A failed read lists nothing (or not every key), which proves nothing.
  if (!stillListed && read.result.status === 'failed') return unconfirmed();

  const account: AccountState = { connectionId: connection.id, result: read.result, keys: read.keys, findings: await evaluateFindings(read.keys) };
  const now = new Set(read.keys.map((candidate) => candidate.id));
  const removedKeyIds = (previous?.keys ?? [key]).map((candidate) => candidate.id).filter((id) => !now.has(id));
  return {
    confirmation: stillListed ? 'still-listed' : 'gone',
    message: stillListed ? `${exchange} answered that the key was deleted, but still lists it. Check it on ${exchange}'s API management page.` : null,
    delta: { accounts: [account], removedKeyIds },
  };
}
