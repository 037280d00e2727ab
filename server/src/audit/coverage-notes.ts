import type { ExchangeKey } from '@contract/audited-key.ts';
import type { CoverageNote } from '@contract/coverage-note.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import type { ExchangeId } from '@contract/exchange-id.ts';

const keysText = (count: number) => `${count} ${count === 1 ? 'key' : 'keys'}`;

/**
 * What a master key's audit cannot see on an exchange whose API never lists the master account's other keys
 * (ExchangeApiAbilities.canListOtherMasterKeys). A clean report there says nothing about those keys, so it must say so.
 */
export function otherMasterKeysNote(exchange: ExchangeId): CoverageNote {
  const { name, manageKeysUrl } = exchangeInfo(exchange);
  return {
    gap: 'other-master-keys-not-listed',
    message: `${name}'s API does not list the master account's other API keys: only the key keyaudit holds was checked there. Check the others on ${name}'s API management page: ${manageKeysUrl}`,
  };
}

/**
 * What a connection made with a sub-account's own key cannot see: keyaudit lists keys through a master key only (its own
 * account's and every sub-account's), so a clean report of this connection says nothing of any other key.
 */
export function subAccountOnlyNote(exchange: ExchangeId, subAccountName: string): CoverageNote {
  const { name } = exchangeInfo(exchange);
  return {
    gap: 'sub-accounts-not-listed',
    message: `This connection's key belongs to the sub-account ${subAccountName}: keyaudit checked this key only, not that sub-account's other keys, the master account's keys nor the other sub-accounts'. Connect a ${name} master-account key to audit them all.`,
  };
}

/**
 * The gaps the keys themselves carry, said once for the connection: keys whose exchange does not report whether they
 * can withdraw (ExchangeKey.unreported), and keys whose IP whitelist could not be read (ExchangeKey.unread).
 */
export function keyCoverageNotes(exchange: ExchangeId, keys: readonly ExchangeKey[]): CoverageNote[] {
  const { name } = exchangeInfo(exchange);
  const notes: CoverageNote[] = [];
  const withdrawUnreported = keys.filter((key) => key.unreported?.includes('withdraw')).length;
  if (withdrawUnreported > 0) {
    notes.push({
      gap: 'withdraw-not-reported',
      message: `${name} does not report whether ${keysText(withdrawUnreported)} can withdraw: they are not counted as read-only. Check their withdrawal permission on ${name}'s API management page.`,
    });
  }
  const whitelistUnread = keys.filter((key) => key.unread?.includes('ip-whitelist')).length;
  if (whitelistUnread > 0) {
    notes.push({
      gap: 'ip-whitelist-unreadable',
      message: `${name} did not answer for the IP whitelist of ${keysText(whitelistUnread)}: their whitelist is shown as unknown. Audit again to read it.`,
    });
  }
  return notes;
}
