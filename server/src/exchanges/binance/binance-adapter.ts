import type { AccountRef } from '@contract/audited-key.ts';
import type { Credentials, ExchangeAdapter } from '../exchange-adapter.ts';
import { ExchangeError } from '../exchange-error.ts';
import { createBinanceClient, type BinanceClientDeps } from './binance-client.ts';
import { toBinanceCallingKey, toBinanceSubAccountKey } from './binance-normalize.ts';
import {
  binanceApiRestrictionsSchema,
  binanceDeletedKeySchema,
  binanceIpListAnswerSchema,
  binancePermissionAnswerSchema,
  binanceSubAccountListSchema,
  parseBinanceData,
} from './binance-responses.ts';
import { BINANCE_SUB_KEY_WEIGHT, createBinanceSubAccountKeyReader } from './binance-sub-account-keys.ts';

export type BinanceAdapterDeps = BinanceClientDeps & {
  /** `limit` of GET /sapi/v1/sub-account/list, at most 200. Smaller values exercise paging in tests. */
  subAccountPageSize?: number;
  /** `size` of GET /sapi/v1/sub-account/subAccountApi, at most 100. */
  keyPageSize?: number;
  /** How long a sub-account's key listing is reused (3 000 UID weight per call); 0 turns it off. Default 5 minutes. */
  subAccountKeysCacheMs?: number;
};

/** "Sub-account function is not enabled." — a plain account, or a sub-account (observed, UNVERIFIED; binance-errors.ts). */
const NO_SUB_ACCOUNT_FUNCTION = '-8012';
const MAX_PAGES = 1_000;
/** The flags POST /sapi/v1/sub-account/subAccountApiPermission takes, all sent every time (docs/exchanges/binance.md#key-update). */
const BINANCE_UPDATABLE_FLAGS = ['canTrade', 'canMarginLoanRepay', 'canFuturesTrade', 'canUniversalTransfer', 'canVanillaOptions'] as const;
const clamp = (value: number | undefined, max: number) => Math.max(1, Math.min(value ?? max, max));

/** One instance per connection: it remembers the clock offset, weight budgets and sub-account key listings. */
export function createBinanceAdapter(deps: BinanceAdapterDeps): ExchangeAdapter {
  const client = createBinanceClient(deps);
  const subAccountPageSize = clamp(deps.subAccountPageSize, 200);
  const keys = createBinanceSubAccountKeyReader(client, {
    now: deps.now, pageSize: clamp(deps.keyPageSize, 100), cacheMs: deps.subAccountKeysCacheMs ?? 5 * 60_000,
  });

  /** Sub-accounts Binance lists as asset-management ones, whose keys its API does not delete. */
  const assetManagementEmails = new Set<string>();

  /** GET /sapi/v1/sub-account/list (weight IP 1); null when the account has no sub-account function. */
  async function fetchSubAccountPage(credentials: Credentials, page: number): Promise<string[] | null> {
    try {
      const params = [['page', String(page)], ['limit', String(subAccountPageSize)]] as const;
      const data = await client.fetchSigned(credentials, { method: 'GET', path: '/sapi/v1/sub-account/list', params, limit: 'ip', weight: 1 });
      return parseBinanceData(binanceSubAccountListSchema, data).subAccounts.map((sub) => {
        if (sub.isAssetManagementSubAccount) assetManagementEmails.add(sub.email);
        else assetManagementEmails.delete(sub.email);
        return sub.email;
      });
    } catch (error) {
      if (error instanceof ExchangeError && error.exchangeCode === NO_SUB_ACCOUNT_FUNCTION) return null;
      throw error;
    }
  }

  /**
   * What the account is, as far as Binance lets keyaudit tell (docs/exchanges/binance.md#calling-key). It answers the
   * sub-account list: a master. -8012: a sub-account or a plain account; a sub-account answers the transfer history that
   * exists "For Sub-account" only. Any other failure: unknown, and treated as a master, so that the sub-account listing
   * is attempted and reports its failure instead of the audit quietly skipping it.
   */
  async function classifyAccount(credentials: Credentials): Promise<'master' | 'sub' | 'plain'> {
    let firstPage: string[] | null;
    try {
      firstPage = await fetchSubAccountPage(credentials, 1);
    } catch (error) {
      if (!(error instanceof ExchangeError)) throw error;
      return 'master';
    }
    if (firstPage !== null) return 'master';
    try {
      await client.fetchSigned(credentials, { method: 'GET', path: '/sapi/v1/sub-account/transfer/subUserHistory', params: [['limit', '1']], limit: 'ip', weight: 1 });
      return 'sub';
    } catch (error) {
      if (!(error instanceof ExchangeError)) throw error;
      return 'plain';
    }
  }

  function requireSubAccount(account: AccountRef): string {
    if (account.kind !== 'sub') throw new ExchangeError('invalid-request', "Binance's API lists and deletes the keys of sub-accounts only.");
    return account.name;
  }

  return {
    id: 'binance',

    /**
     * GET /sapi/v1/account/apiRestrictions (docs/exchanges/binance.md#calling-key). Binance does not say whether the key belongs
     * to a master account or a sub-account: classifyAccount asks the endpoints that answer only one of them.
     */
    async fetchCallingKey(credentials) {
      const data = await client.fetchSigned(credentials, { method: 'GET', path: '/sapi/v1/account/apiRestrictions', limit: 'ip', weight: 1 });
      const raw = parseBinanceData(binanceApiRestrictionsSchema, data);
      const kind = await classifyAccount(credentials);
      return toBinanceCallingKey(raw, { apiKey: credentials.apiKey, isMasterAccount: kind === 'master', isSubAccount: kind === 'sub' });
    },

    /** Every page of GET /sapi/v1/sub-account/list; none for an account without the sub-account function. */
    async fetchSubAccounts(credentials) {
      const emails = new Set<string>();
      for (let page = 1; page <= MAX_PAGES; page += 1) {
        const pageEmails = await fetchSubAccountPage(credentials, page);
        for (const email of pageEmails ?? []) emails.add(email);
        if (!pageEmails || pageEmails.length < subAccountPageSize) break;
      }
      return [...emails].map((email): AccountRef => ({ kind: 'sub', name: email }));
    },

    async fetchSubAccountKeys(credentials, account) {
      const { keys: listed, observedAtMs } = await keys.fetchKeys(credentials, requireSubAccount(account));
      const isAssetManagementSubAccount = assetManagementEmails.has(account.name);
      return listed.map(({ raw, ipRestriction }) => toBinanceSubAccountKey(raw, { account, ipRestriction, observedAtMs, isAssetManagementSubAccount }));
    },

    /** DELETE /sapi/v1/sub-account/subAccountApi (docs/exchanges/binance.md#key-deletion), after checking the key is still there. No key passphrase on Binance. */
    async revokeKey(credentials, key) {
      const email = requireSubAccount(key.account);
      const isListed = async () => (await keys.listKeys(credentials, email, key.apiKey)).some((raw) => raw.apikey === key.apiKey);
      if (!(await isListed())) throw new ExchangeError('not-found', 'That key no longer exists on Binance; nothing was deleted.');
      try {
        const params = [['email', email], ['subAccountApiKey', key.apiKey]] as const;
        const data = await client.fetchSigned(credentials, {
          method: 'DELETE', path: '/sapi/v1/sub-account/subAccountApi', params, limit: 'uid', weight: BINANCE_SUB_KEY_WEIGHT,
        });
        parseBinanceData(binanceDeletedKeySchema, data);
      } catch (error) {
        // "5XX: the execution status is unknown" (docs/exchanges/binance.md#key-deletion): the deletion may have happened. Look before reporting failure.
        const isUnknownOutcome = error instanceof ExchangeError && ['exchange-error', 'timeout', 'unreachable'].includes(error.kind);
        if (!isUnknownOutcome || (await isListed().catch(() => true))) throw error;
      } finally {
        keys.forget(credentials, email);
      }
    },

    /**
     * The three update endpoints of docs/exchanges/binance.md#key-update, master key only. IPs: POST v2 ipRestriction with
     * status 2 and the list, then DELETE whatever else the answer still lists: the list asked for whether Binance adds or
     * replaces. Permissions: every can* flag, as the key is listed now minus the dropped ones.
     */
    async restrictKey(credentials, key, plan) {
      const email = requireSubAccount(key.account);
      // "Asset Sub Account is not supported" (docs/exchanges/binance.md#key-update).
      if (assetManagementEmails.has(email)) {
        throw new ExchangeError('invalid-request', "Binance's API cannot change the keys of asset-management sub-accounts; change it on Binance's API management page.");
      }
      const listed = (await keys.listKeys(credentials, email, key.apiKey)).find((raw) => raw.apikey === key.apiKey);
      if (!listed) throw new ExchangeError('not-found', 'That key no longer exists on Binance; nothing was changed.');
      const base = [['email', email], ['subAccountApiKey', key.apiKey]] as const;
      const call = (method: 'POST' | 'DELETE', path: string, params: readonly (readonly [string, string])[]) =>
        client.fetchSigned(credentials, { method, path, params, limit: 'uid', weight: BINANCE_SUB_KEY_WEIGHT });
      try {
        if (plan.changes.ips && Array.isArray(plan.after.ipWhitelist)) {
          const wanted = plan.after.ipWhitelist;
          const added = parseBinanceData(binanceIpListAnswerSchema, await call('POST', '/sapi/v2/sub-account/subAccountApi/ipRestriction', [
            ...base, ['status', '2'], ['ipAddress', wanted.join(',')],
          ]));
          const extra = (added.ipList ?? []).filter((ip) => !wanted.includes(ip));
          if (extra.length > 0) {
            parseBinanceData(binanceIpListAnswerSchema, await call('DELETE', '/sapi/v1/sub-account/subAccountApi/ipRestriction/ipList', [...base, ['ipAddress', extra.join(',')]]));
          }
        }
        if (plan.changes.permissions) {
          const dropped = new Set(plan.droppedWords);
          const flags = BINANCE_UPDATABLE_FLAGS.map((flag) => [flag, String(listed[flag] === true && !dropped.has(flag))] as const);
          parseBinanceData(binancePermissionAnswerSchema, await call('POST', '/sapi/v1/sub-account/subAccountApiPermission', [...base, ...flags]));
        }
      } finally {
        keys.forget(credentials, email);
      }
    },
  } satisfies ExchangeAdapter;
}
