import type { DisableResult } from '@contract/api.ts';
import type { AccountState } from '@contract/audit-events.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import type { Finding } from '@contract/finding.ts';
import type { ExchangeAdapter } from '../exchanges/exchange-adapter.ts';
import type { StoredConnection } from '../secrets/stored-connection.ts';
import { readOwnAccount, readSubAccount, type AccountRead } from './read-account.ts';

export type DisableOutcome = Pick<DisableResult, 'confirmation' | 'message' | 'delta'>;

type RereadInput = {
  adapter: ExchangeAdapter;
  connection: StoredConnection;
  evaluateFindings: (keys: AuditedKey[]) => Finding[] | Promise<Finding[]>;
  /** The key the exchange has just disabled, as the run held it. */
  key: AuditedKey;
};

/**
 * Reads the disabled key's account again, and only that account: the exchange's "done" is not proof, so only a listing
 * that shows the key still there and switched off confirms it. The key stays in the run either way (a disabled key
 * can be enabled again, so its findings stand).
 */
export async function rereadAfterDisable({ adapter, connection, evaluateFindings, key }: RereadInput): Promise<DisableOutcome> {
  const exchange = EXCHANGE_NAMES[key.exchange];
  const unconfirmed: DisableOutcome = {
    confirmation: 'unconfirmed',
    message: `${exchange} confirmed that it disabled the key, but the account could not be read again to check it. Audit again to be sure.`,
    delta: { accounts: [], removedKeyIds: [] },
  };
  let read: AccountRead;
  try {
    read = key.account.kind === 'master' ? await readOwnAccount(adapter, connection) : await readSubAccount(adapter, connection, key.account);
  } catch {
    return unconfirmed;
  }
  const now = read.keys.find((candidate) => candidate.id === key.id) ?? read.keys.find((candidate) => candidate.apiKey === key.apiKey);
  // A failed read lists nothing (or not every key), which proves nothing.
  if (!now && read.result.status === 'failed') return unconfirmed;
  const account: AccountState = { connectionId: connection.id, result: read.result, keys: read.keys, findings: await evaluateFindings(read.keys) };
  const delta = { accounts: [account], removedKeyIds: [] };
  if (!now) {
    return { confirmation: 'differs', message: `${exchange} confirmed that it disabled the key, but no longer lists it. Check it on ${exchange}'s API management page.`, delta };
  }
  if (now.isDisabled === true) return { confirmation: 'disabled', message: null, delta };
  return { confirmation: 'differs', message: `${exchange} confirmed that it disabled the key, but still lists it as enabled. Check it on ${exchange}'s API management page.`, delta };
}
