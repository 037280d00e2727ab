import type { AccountRef, IpWhitelist } from '@contract/audited-key.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import type { Credentials, ExchangeAdapter } from '../exchange-adapter.ts';
import { ExchangeError } from '../exchange-error.ts';
import { SubAccountsNotListedError } from '../sub-accounts-not-listed-error.ts';
import { createBitgetClient, type BitgetClientDeps } from './bitget-client.ts';
import { isBitgetRefusal } from './bitget-errors.ts';
import { toBitgetCallingExchangeKey, toBitgetSubAccountExchangeKey } from './bitget-normalize.ts';
import {
  bitgetAccountInfoSchema,
  bitgetVirtualSubAccountApiKeyListSchema,
  bitgetVirtualSubAccountPageSchema,
  parseBitgetData,
} from './bitget-responses.ts';

const { manageKeysUrl } = exchangeInfo('bitget');

/** Sub-accounts per page: within both renderings of the page (max 500 in one, 100 in the other). */
const SUB_ACCOUNT_PAGE_SIZE = 100;
/** A bound on the walk: 10,000 virtual sub-accounts. */
const MAX_PAGES = 100;

/**
 * Why Bitget would not list the virtual sub-accounts, said for the coverage note: its pages say a main-account key bound
 * to an IP address lists them (docs/exchanges/bitget.md#sub-accounts); the code it refused with is not documented.
 */
export function bitgetSubAccountsRefusedMessage(callerIps: IpWhitelist | undefined, exchangeCode: string | null): string {
  const code = exchangeCode ? ` (code ${exchangeCode})` : '';
  const why = callerIps === null
    ? 'Bitget lists virtual sub-accounts and their keys only to a main-account key bound to an IP address, and this key is bound to none'
    : "Bitget lists virtual sub-accounts and their keys only to a main-account key bound to an IP address; this may be a sub-account's key";
  return `Bitget refused to list this account's virtual sub-accounts${code}. ${why}. Only this key was checked, none of the sub-accounts' keys: check them on Bitget's API management page, ${manageKeysUrl}`;
}

/**
 * Bitget: the calling key (docs/exchanges/bitget.md#calling-key), then every virtual sub-account and its keys
 * (#sub-accounts, #sub-account-keys); nothing is deleted. One instance per connection: it keeps that connection's clock
 * offset, pace and the calling key's IP binding (which explains a refused sub-account listing).
 */
export function createBitgetAdapter(deps: BitgetClientDeps): ExchangeAdapter {
  const client = createBitgetClient(deps);
  let callerIps: { apiKey: string; ips: IpWhitelist } | null = null;

  async function listSubAccountPages(credentials: Credentials): Promise<AccountRef[]> {
    const accounts = new Map<string, AccountRef>();
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const query: [string, string][] = [['limit', String(SUB_ACCOUNT_PAGE_SIZE)], ...(cursor ? [['idLessThan', cursor] as [string, string]] : [])];
      const data = await client.fetchPrivate(credentials, { method: 'GET', path: '/api/v2/user/virtual-subaccount-list', query });
      const { endId, subAccountList } = parseBitgetData(bitgetVirtualSubAccountPageSchema, data);
      // A deleted sub-account ("del") has no keys left to audit.
      for (const sub of subAccountList) if (sub.status !== 'del') accounts.set(sub.subAccountUid, { kind: 'sub', name: sub.subAccountUid });
      if (subAccountList.length < SUB_ACCOUNT_PAGE_SIZE) return [...accounts.values()];
      if (!endId || endId === cursor) throw new ExchangeError('bad-response', "Bitget's sub-account list did not say where its next page starts; audit again.");
      cursor = endId;
    }
    throw new ExchangeError('bad-response', `Bitget listed more than ${MAX_PAGES * SUB_ACCOUNT_PAGE_SIZE} virtual sub-accounts; keyaudit stops there.`);
  }

  return {
    id: 'bitget',

    /** GET /api/v2/spot/account/info; a unified trading account gets 40085, which the errors table says in plain words. */
    async fetchCallingKey(credentials) {
      const data = await client.fetchPrivate(credentials, { method: 'GET', path: '/api/v2/spot/account/info' });
      const key = toBitgetCallingExchangeKey(parseBitgetData(bitgetAccountInfoSchema, data), credentials.apiKey);
      callerIps = { apiKey: credentials.apiKey, ips: key.ipWhitelist };
      return key;
    },

    /**
     * GET /api/v2/user/virtual-subaccount-list, every page. A refusal (a key bound to no IP, a sub-account's key) is a
     * lasting gap, said as a coverage note; a passing failure (rate limit, outage) stays an error to retry.
     */
    async fetchSubAccounts(credentials) {
      try {
        return await listSubAccountPages(credentials);
      } catch (error) {
        if (!(error instanceof ExchangeError) || !isBitgetRefusal(error)) throw error;
        const ips = callerIps?.apiKey === credentials.apiKey ? callerIps.ips : undefined;
        throw new SubAccountsNotListedError(error.kind, bitgetSubAccountsRefusedMessage(ips, error.exchangeCode), { exchangeCode: error.exchangeCode });
      }
    },

    /** GET /api/v2/user/virtual-subaccount-apikey-list with the sub-account's UID: all its keys in one answer. */
    async fetchSubAccountKeys(credentials, account) {
      if (account.kind !== 'sub' || !/^\d{1,20}$/.test(account.name)) throw new ExchangeError('invalid-request', "Bitget's sub-account key listing takes a virtual sub-account's UID.");
      const data = await client.fetchPrivate(credentials, { method: 'GET', path: '/api/v2/user/virtual-subaccount-apikey-list', query: [['subAccountUid', account.name]] });
      return parseBitgetData(bitgetVirtualSubAccountApiKeyListSchema, data).map((raw) => toBitgetSubAccountExchangeKey(raw, account));
    },

    async revokeKey() {
      throw new ExchangeError('invalid-request', "keyaudit does not delete Bitget keys; delete the key on Bitget's API management page.");
    },
  } satisfies ExchangeAdapter;
}
