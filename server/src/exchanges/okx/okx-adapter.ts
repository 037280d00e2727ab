import type { AccountRef } from '@contract/audited-key.ts';
import type { Credentials, ExchangeAdapter } from '../exchange-adapter.ts';
import { ExchangeError } from '../exchange-error.ts';
import { isNonIdentifyingApiKey } from '../masked-api-keys.ts';
import { createOkxClient, type OkxClientDeps } from './okx-client.ts';
import { toOkxCallingKey, toOkxCallingKeyFacts, toOkxSubAccountKey } from './okx-normalize.ts';
import {
  okxAccountConfigListSchema,
  okxDeletedApiKeySchema,
  okxModifiedApiKeySchema,
  okxSubAccountApiKeyListSchema,
  okxSubAccountListSchema,
  parseOkxData,
  type OkxAccountConfig,
} from './okx-responses.ts';

export type OkxAdapterDeps = OkxClientDeps & {
  /** Page size of GET /api/v5/users/subaccount/list; OKX allows at most 100. Smaller values exercise paging in tests. */
  subAccountPageSize?: number;
};

/** Documented per-endpoint limits, rule User ID (docs/exchanges/okx.md#rate-limits). */
const LIMITS = {
  accountConfig: { requests: 5, windowMs: 2_000 },
  // An older OKX page said 2 per 2 s; the current one says 20 per 2 s. Pacing to the lower figure is safe either way.
  subAccountList: { requests: 2, windowMs: 2_000 },
  subAccountApiKeys: { requests: 20, windowMs: 2_000 },
  deleteApiKey: { requests: 1, windowMs: 1_000 },
  modifyApiKey: { requests: 1, windowMs: 1_000 },
};
const MAX_PAGE_SIZE = 100;
/** Guards against a server that keeps sending full pages: 1000 × 100 sub-accounts is far beyond OKX's limits. */
const MAX_PAGES = 1_000;

/** One instance per connection: it remembers the server-clock offset and the calling key. */
export function createOkxAdapter(deps: OkxAdapterDeps): ExchangeAdapter {
  const client = createOkxClient(deps);
  const pageSize = Math.max(1, Math.min(deps.subAccountPageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE));
  let callingKey: { apiKey: string; config: Promise<OkxAccountConfig> } | null = null;

  /** GET /api/v5/account/config (docs/exchanges/okx.md#calling-key): the calling key's perm, ip and label, and whether it is a master key. */
  function readCallingKey(credentials: Credentials, refresh: boolean): Promise<OkxAccountConfig> {
    if (refresh || !callingKey || callingKey.apiKey !== credentials.apiKey) {
      const config = client
        .fetchPrivate(credentials, { method: 'GET', path: '/api/v5/account/config', limit: LIMITS.accountConfig })
        .then((data) => parseOkxData(okxAccountConfigListSchema, data)[0]!);
      const entry = { apiKey: credentials.apiKey, config };
      config.catch(() => {
        if (callingKey === entry) callingKey = null;
      });
      callingKey = entry;
    }
    return callingKey.config;
  }

  return {
    id: 'okx',

    async fetchCallingKey(credentials) {
      return toOkxCallingKey(await readCallingKey(credentials, true), credentials.apiKey);
    },

    /** GET /api/v5/users/subaccount/list (docs/exchanges/okx.md#sub-accounts), paged by creation time; only a master key may list. */
    async fetchSubAccounts(credentials) {
      if (!toOkxCallingKeyFacts(await readCallingKey(credentials, false)).isMaster) return [];
      const accounts = new Map<string, AccountRef>();
      let after: string | null = null;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const query: [string, string][] = [...(after ? [['after', after] as [string, string]] : []), ['limit', String(pageSize)]];
        const data = await client.fetchPrivate(credentials, { method: 'GET', path: '/api/v5/users/subaccount/list', query, limit: LIMITS.subAccountList });
        const items = parseOkxData(okxSubAccountListSchema, data);
        const sizeBefore = accounts.size;
        for (const item of items) accounts.set(item.subAcct, { kind: 'sub', name: item.subAcct });
        if (items.length < pageSize) break;
        // `after` returns sub-accounts created strictly earlier. Asking again from the page's oldest millisecond
        // keeps sub-accounts created in that same millisecond; when a page brings nothing new, step past it.
        const oldestMs = Math.min(...items.map((item) => Number(item.ts)));
        after = String(accounts.size > sizeBefore ? oldestMs + 1 : oldestMs);
      }
      return [...accounts.values()];
    },

    /** GET /api/v5/users/subaccount/apikey (docs/exchanges/okx.md#sub-account-keys). Whether a key can be revoked depends on the calling master key. */
    async fetchSubAccountKeys(credentials, account) {
      if (account.kind !== 'sub') throw new ExchangeError('invalid-request', "OKX's API lists the keys of sub-accounts only.");
      const revoker = toOkxCallingKeyFacts(await readCallingKey(credentials, false));
      const query: [string, string][] = [['subAcct', account.name]];
      const data = await client.fetchPrivate(credentials, { method: 'GET', path: '/api/v5/users/subaccount/apikey', query, limit: LIMITS.subAccountApiKeys });
      return parseOkxData(okxSubAccountApiKeyListSchema, data).map((raw) => toOkxSubAccountKey(raw, account, revoker));
    },

    /**
     * POST /api/v5/users/subaccount/delete-apikey (docs/exchanges/okx.md#key-deletion). OKX also requires the master key to have Trade and be
     * bound to IPs; it answers 50120 / 50035 otherwise, which the error table words for the user.
     */
    async revokeKey(credentials, key) {
      if (key.account.kind !== 'sub') {
        throw new ExchangeError('invalid-request', "OKX's API cannot delete master-account keys; delete it on OKX's API management page.");
      }
      // OKX may list sub-account keys as "******" (docs/exchanges/okx.md#sub-account-keys): never post a masked id.
      if (isNonIdentifyingApiKey(key.apiKey)) {
        throw new ExchangeError('invalid-request', "OKX listed this key without its API key, so keyaudit cannot name it to OKX; delete it on OKX's API management page.");
      }
      if (!toOkxCallingKeyFacts(await readCallingKey(credentials, false)).isMaster) {
        throw new ExchangeError('permission-denied', 'Only a master-account key can delete sub-account keys; this connection uses a sub-account key.');
      }
      const body = { subAcct: key.account.name, apiKey: key.apiKey };
      const data = await client.fetchPrivate(credentials, { method: 'POST', path: '/api/v5/users/subaccount/delete-apikey', body, limit: LIMITS.deleteApiKey });
      parseOkxData(okxDeletedApiKeySchema, data);
    },

    /**
     * POST /api/v5/users/subaccount/modify-apikey (docs/exchanges/okx.md#key-update): every field passed is reset to what is
     * sent, one left out stays. Only the fields the plan changes are passed; `ip` is never "", which would unbind the key.
     */
    async restrictKey(credentials, key, plan) {
      if (key.account.kind !== 'sub') {
        throw new ExchangeError('invalid-request', "OKX's API cannot change master-account keys; change it on OKX's API management page.");
      }
      if (isNonIdentifyingApiKey(key.apiKey)) {
        throw new ExchangeError('invalid-request', "OKX listed this key without its API key, so keyaudit cannot name it to OKX; change it on OKX's API management page.");
      }
      const { ipWhitelist, permissions } = plan.after;
      if (plan.changes.ips && (!Array.isArray(ipWhitelist) || ipWhitelist.length === 0)) {
        throw new ExchangeError('invalid-request', 'keyaudit never sends OKX an empty IP list: it would unbind the key.');
      }
      const body: Record<string, string> = { subAcct: key.account.name, apiKey: key.apiKey };
      // OKX answers "read" for "read_only" in this very endpoint (docs/exchanges/okx.md#key-update); it takes read_only.
      if (plan.changes.permissions) body.perm = permissions.map((word) => (word.toLowerCase() === 'read' ? 'read_only' : word)).join(',') || 'read_only';
      if (plan.changes.ips && Array.isArray(ipWhitelist)) body.ip = ipWhitelist.join(',');
      const data = await client.fetchPrivate(credentials, { method: 'POST', path: '/api/v5/users/subaccount/modify-apikey', body, limit: LIMITS.modifyApiKey });
      parseOkxData(okxModifiedApiKeySchema, data);
    },
  } satisfies ExchangeAdapter;
}
