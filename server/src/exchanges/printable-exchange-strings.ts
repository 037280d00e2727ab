import type { AccountRef, ExchangeKey, IpWhitelist } from '@contract/audited-key.ts';
import { toPrintableText } from '@contract/printable-text.ts';
import type { ExchangeAdapter } from './exchange-adapter.ts';

/** Longest text kept from an exchange: longer labels and names are cut, ending in "…". Matches the action log's detail limit. */
export const MAX_EXCHANGE_TEXT = 200;

const printable = (value: string) => toPrintableText(value, MAX_EXCHANGE_TEXT);

/**
 * Every string an exchange sent, capped and stripped of control and bidi characters once, where it enters: a hostile
 * or broken exchange can then neither bloat a report or log line, nor write terminal escapes, nor make a response
 * fail validation after a key was already deleted. Text that is already clean and short passes unchanged, so real
 * sub-account names still address their accounts. The apiKey is left as sent: it addresses the key to revoke.
 */
export function toPrintableKey(key: ExchangeKey): ExchangeKey {
  return { ...key, account: toPrintableAccount(key.account), label: printable(key.label), permissions: key.permissions.map(printable), ipWhitelist: printableWhitelist(key.ipWhitelist) };
}

export function toPrintableAccount(account: AccountRef): AccountRef {
  return { ...account, name: printable(account.name) };
}

function printableWhitelist(whitelist: IpWhitelist): IpWhitelist {
  return Array.isArray(whitelist) ? whitelist.map(printable) : whitelist;
}

/** The adapter with every answer passed through toPrintableKey / toPrintableAccount. */
export function withPrintableStrings(adapter: ExchangeAdapter): ExchangeAdapter {
  const { fetchOtherMasterKeys, restrictKey, disableKey } = adapter;
  return {
    id: adapter.id,
    fetchCallingKey: async (credentials) => toPrintableKey(await adapter.fetchCallingKey(credentials)),
    fetchSubAccounts: async (credentials) => (await adapter.fetchSubAccounts(credentials)).map(toPrintableAccount),
    fetchSubAccountKeys: async (credentials, account) => (await adapter.fetchSubAccountKeys(credentials, account)).map(toPrintableKey),
    ...(fetchOtherMasterKeys && {
      fetchOtherMasterKeys: async (credentials) => {
        const other = await fetchOtherMasterKeys.call(adapter, credentials);
        return { ...other, keys: other.keys.map(toPrintableKey) };
      },
    }),
    revokeKey: (credentials, key, keyPassphrase) => adapter.revokeKey(credentials, key, keyPassphrase),
    ...(restrictKey && { restrictKey: (credentials, key, plan, keyPassphrase) => restrictKey.call(adapter, credentials, key, plan, keyPassphrase) }),
    ...(disableKey && { disableKey: (credentials, key) => disableKey.call(adapter, credentials, key) }),
  };
}
