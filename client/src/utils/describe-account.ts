import type { ExchangeId } from '@contract/exchange-id.ts';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import type { AccountRef } from '@contract/audited-key.ts';

/** "Master" or the sub-account's name, for the Account column. */
export function accountShortName(account: AccountRef): string {
  return account.kind === 'master' ? 'Master' : account.name;
}

/** "sub-account grid bot 2 on KuCoin" / "master account on KuCoin", for sentences. */
export function describeAccount(account: AccountRef, exchange: ExchangeId): string {
  const where = account.kind === 'master' ? 'master account' : `sub-account ${account.name}`;
  return `${where} on ${EXCHANGE_NAMES[exchange]}`;
}
