import type { RestrictResult } from '@contract/api.ts';
import type { AccountState } from '@contract/audit-events.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import type { Finding } from '@contract/finding.ts';
import { isSameKeyState, type RestrictionPlan } from '@contract/restriction-plan.ts';
import type { ExchangeAdapter } from '../exchanges/exchange-adapter.ts';
import type { StoredConnection } from '../secrets/stored-connection.ts';
import { readOwnAccount, readSubAccount, type AccountRead } from './read-account.ts';

export type RestrictOutcome = Pick<RestrictResult, 'confirmation' | 'reported' | 'message' | 'delta'>;

type RereadInput = {
  adapter: ExchangeAdapter;
  connection: StoredConnection;
  evaluateFindings: (keys: AuditedKey[]) => Finding[] | Promise<Finding[]>;
  /** The key the exchange has just changed, as the run held it. */
  key: AuditedKey;
  plan: RestrictionPlan;
};

/**
 * Reads the restricted key's account again, and only that account, and compares what the exchange now reports with
 * what was asked. The exchange's "done" is not proof: Bybit unbinds a key whose update forgot its IPs and still
 * answers success, so only the re-read says whether the key is as narrow as asked.
 */
export async function rereadAfterRestrict({ adapter, connection, evaluateFindings, key, plan }: RereadInput): Promise<RestrictOutcome> {
  const exchange = EXCHANGE_NAMES[key.exchange];
  const unconfirmed: RestrictOutcome = {
    confirmation: 'unconfirmed',
    reported: null,
    message: `${exchange} confirmed the change, but the account could not be read again to check it. Audit again to be sure.`,
    delta: { accounts: [], removedKeyIds: [] },
  };
  let read: AccountRead;
  try {
    read = key.account.kind === 'master' ? await readOwnAccount(adapter, connection) : await readSubAccount(adapter, connection, key.account);
  } catch {
    return unconfirmed;
  }
  const now = read.keys.find((candidate) => candidate.id === key.id) ?? read.keys.find((candidate) => candidate.apiKey === key.apiKey);
  if (!now && read.result.status === 'failed') return unconfirmed;
  const account: AccountState = { connectionId: connection.id, result: read.result, keys: read.keys, findings: await evaluateFindings(read.keys) };
  const delta = { accounts: [account], removedKeyIds: [] };
  if (!now) {
    return { confirmation: 'differs', reported: null, message: `${exchange} confirmed the change, but no longer lists the key. Check it on ${exchange}'s API management page.`, delta };
  }
  const reported = { permissions: now.permissions, ipWhitelist: now.unread?.includes('ip-whitelist') ? ('unknown' as const) : now.ipWhitelist };
  if (isSameKeyState(plan.after, reported)) return { confirmation: 'as-asked', reported, message: null, delta };
  return {
    confirmation: 'differs',
    reported,
    message: `${exchange} confirmed the change, but now reports the key differently from what was asked. Check it on ${exchange}'s API management page.`,
    delta,
  };
}
