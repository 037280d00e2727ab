import type { AccountRef } from '@contract/audited-key.ts';
import type { Credentials, ExchangeAdapter } from '../exchange-adapter.ts';
import { ExchangeError } from '../exchange-error.ts';
import { createKucoinClient, type KucoinClientDeps } from './kucoin-client.ts';
import { parseKucoinIpWhitelist, parseKucoinPermissions, toKucoinExchangeKey } from './kucoin-normalize.ts';
import {
  kucoinApiKeyListSchema,
  kucoinApiKeySchema,
  kucoinDeletedKeySchema,
  kucoinSubAccountPageSchema,
  kucoinUpdatedKeySchema,
  parseKucoinData,
  type KucoinApiKey,
} from './kucoin-responses.ts';

/** 400004 (invalid passphrase) or a 4001xx parameter error, answered to a DELETE whose listing just succeeded. */
const isKeyPassphraseRefusal = (code: string | null) => code === '400004' || /^4001\d\d$/.test(code ?? '');

export type KucoinAdapterDeps = KucoinClientDeps & {
  /** Page size of GET /api/v2/sub/user; KuCoin allows at most 100. Smaller values exercise paging in tests. */
  subAccountPageSize?: number;
};

// Management-pool weights of the endpoints used (docs/exchanges/kucoin.md#rate-limits).
const WEIGHT = { callingKey: 20, subAccounts: 20, subAccountKeys: 20, deleteKey: 30, updateKey: 30 };
const MAX_PAGE_SIZE = 100;
/** Guards against a server that keeps reporting more pages: 1000 × 100 sub-accounts is far beyond KuCoin's limits. */
const MAX_PAGES = 1_000;

/** One instance per connection: it remembers the server-clock offset, the key version and the calling key. */
export function createKucoinAdapter(deps: KucoinAdapterDeps): ExchangeAdapter {
  const client = createKucoinClient(deps);
  const pageSize = Math.max(1, Math.min(deps.subAccountPageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE));
  let callingKey: { apiKey: string; raw: Promise<KucoinApiKey> } | null = null;

  /** GET /api/v1/user/api-key (docs/exchanges/kucoin.md#calling-key): which key we sign with, and whether it belongs to the master account. */
  function readCallingKey(credentials: Credentials, refresh: boolean): Promise<KucoinApiKey> {
    if (refresh || !callingKey || callingKey.apiKey !== credentials.apiKey) {
      const raw = client
        .fetchPrivate(credentials, { method: 'GET', path: '/api/v1/user/api-key', weight: WEIGHT.callingKey })
        .then((data) => parseKucoinData(kucoinApiKeySchema, data));
      raw.then((key) => client.setKeyVersion(key.apiVersion), () => undefined);
      const entry = { apiKey: credentials.apiKey, raw };
      raw.catch(() => {
        if (callingKey === entry) callingKey = null;
      });
      callingKey = entry;
    }
    return callingKey.raw;
  }

  /** GET /api/v1/sub/api-key (docs/exchanges/kucoin.md#sub-account-keys). */
  async function listSubAccountKeys(credentials: Credentials, subName: string, apiKey?: string): Promise<KucoinApiKey[]> {
    const query: [string, string][] = [['subName', subName], ...(apiKey ? [['apiKey', apiKey] as [string, string]] : [])];
    const data = await client.fetchPrivate(credentials, { method: 'GET', path: '/api/v1/sub/api-key', query, weight: WEIGHT.subAccountKeys });
    return parseKucoinData(kucoinApiKeyListSchema, data);
  }

  return {
    id: 'kucoin',

    async fetchCallingKey(credentials) {
      return toKucoinExchangeKey(await readCallingKey(credentials, true), { isCallingKey: true });
    },

    /** GET /api/v2/sub/user (docs/exchanges/kucoin.md#sub-accounts), every page; only a master key may list sub-accounts. */
    async fetchSubAccounts(credentials) {
      if (!(await readCallingKey(credentials, false)).isMaster) return [];
      const accounts = new Map<string, AccountRef>();
      for (let page = 1; page <= MAX_PAGES; page += 1) {
        const query: [string, string][] = [['currentPage', String(page)], ['pageSize', String(pageSize)]];
        const data = await client.fetchPrivate(credentials, { method: 'GET', path: '/api/v2/sub/user', query, weight: WEIGHT.subAccounts });
        const result = parseKucoinData(kucoinSubAccountPageSchema, data);
        for (const item of result.items) accounts.set(item.subName, { kind: 'sub', name: item.subName });
        if (page >= result.totalPage || result.items.length === 0) break;
      }
      return [...accounts.values()];
    },

    async fetchSubAccountKeys(credentials, account) {
      if (account.kind !== 'sub') {
        throw new ExchangeError('invalid-request', "KuCoin's API lists the keys of sub-accounts only.");
      }
      const keys = await listSubAccountKeys(credentials, account.name);
      return keys.map((raw) => toKucoinExchangeKey(raw, { isCallingKey: raw.apiKey === credentials.apiKey, account }));
    },

    /** DELETE /api/v1/sub/api-key (docs/exchanges/kucoin.md#key-deletion): query parameters, signed raw, with the revoked key's own passphrase. */
    async revokeKey(credentials, key, keyPassphrase) {
      if (key.account.kind !== 'sub') {
        throw new ExchangeError('invalid-request', "KuCoin's API cannot delete master-account keys; delete it on KuCoin's API management page.");
      }
      if (!keyPassphrase) {
        throw new ExchangeError('invalid-request', "KuCoin deletes a sub-account key only with that key's own API passphrase; enter it to revoke.");
      }
      if (!(await readCallingKey(credentials, false)).isMaster) {
        throw new ExchangeError('permission-denied', 'Only a master-account key can delete sub-account keys; this connection uses a sub-account key.');
      }
      const listed = await listSubAccountKeys(credentials, key.account.name, key.apiKey);
      if (!listed.some((raw) => raw.apiKey === key.apiKey)) {
        throw new ExchangeError('not-found', 'That key no longer exists on KuCoin; nothing was deleted.');
      }
      const query = [['apiKey', key.apiKey], ['subName', key.account.name], ['passphrase', keyPassphrase]] as const;
      try {
        const data = await client.fetchPrivate(credentials, { method: 'DELETE', path: '/api/v1/sub/api-key', query, weight: WEIGHT.deleteKey });
        parseKucoinData(kucoinDeletedKeySchema, data);
      } catch (error) {
        // KuCoin documents no code of its own for a wrong key passphrase (docs/exchanges/kucoin.md#key-deletion). The key
        // and its sub-account were just listed with this connection's own headers, so a parameter error (4001xx) or a
        // passphrase error (400004) here can only be about the deleted key's passphrase, not the connection's.
        if (error instanceof ExchangeError && isKeyPassphraseRefusal(error.exchangeCode)) {
          throw new ExchangeError('key-passphrase-wrong', 'The passphrase of that key is wrong; nothing was deleted.', { exchangeCode: error.exchangeCode });
        }
        throw error;
      }
    },

    /**
     * POST /api/v1/sub/api-key/update (docs/exchanges/kucoin.md#key-update): each list passed replaces the key's, so both
     * go out whole, from the key as KuCoin lists it right now, with only the plan's change; with the key's own passphrase.
     */
    async restrictKey(credentials, key, plan, keyPassphrase) {
      if (key.account.kind !== 'sub') {
        throw new ExchangeError('invalid-request', "KuCoin's API cannot change master-account keys; change it on KuCoin's API management page.");
      }
      if (!keyPassphrase) {
        throw new ExchangeError('invalid-request', "KuCoin changes a sub-account key only with that key's own API passphrase; enter it to restrict.");
      }
      if (!(await readCallingKey(credentials, false)).isMaster) {
        throw new ExchangeError('permission-denied', 'Only a master-account key can change sub-account keys; this connection uses a sub-account key.');
      }
      const raw = (await listSubAccountKeys(credentials, key.account.name, key.apiKey)).find((candidate) => candidate.apiKey === key.apiKey);
      if (!raw) throw new ExchangeError('not-found', 'That key no longer exists on KuCoin; nothing was changed.');
      const listedIps = parseKucoinIpWhitelist(raw.ipWhitelist);
      const ips = plan.changes.ips ? plan.after.ipWhitelist : listedIps;
      // KuCoin's examples mask whitelist entries ("203.**.154"): a masked list cannot be sent back.
      if (ips === 'unknown' || (ips ?? []).some((entry) => entry.includes('*'))) {
        throw new ExchangeError('bad-response', "KuCoin did not send this key's whitelist in full, so keyaudit cannot resend it; nothing was changed.");
      }
      const dropped = new Set(plan.changes.permissions ? plan.droppedWords.map((word) => word.toLowerCase()) : []);
      const permission = parseKucoinPermissions(raw.permission).filter((word) => !dropped.has(word.toLowerCase()));
      const body = {
        subName: key.account.name,
        apiKey: key.apiKey,
        passphrase: keyPassphrase,
        permission: (permission.length > 0 ? permission : ['General']).join(','),
        ipWhitelist: (ips ?? []).join(','),
      };
      try {
        const data = await client.fetchPrivate(credentials, { method: 'POST', path: '/api/v1/sub/api-key/update', body, weight: WEIGHT.updateKey });
        parseKucoinData(kucoinUpdatedKeySchema, data);
      } catch (error) {
        // As with deletion: the key was just listed with this connection's headers, so these codes are about the key's passphrase.
        if (error instanceof ExchangeError && isKeyPassphraseRefusal(error.exchangeCode)) {
          throw new ExchangeError('key-passphrase-wrong', 'The passphrase of that key is wrong; nothing was changed.', { exchangeCode: error.exchangeCode });
        }
        throw error;
      }
    },
  } satisfies ExchangeAdapter;
}
