import type { AccountRef } from '@contract/audited-key.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import type { Credentials, ExchangeAdapter } from '../exchange-adapter.ts';
import { ExchangeError } from '../exchange-error.ts';
import { createHtxClient, type HtxClientDeps } from './htx-client.ts';
import { canHtxKeyRevoke, HTX_PARENT_ACCOUNT, toHtxExchangeKey, toHtxPermissionWords } from './htx-normalize.ts';
import { htxApiKeyListSchema, htxSubUserListSchema, htxUidSchema, parseHtxData, type HtxApiKey } from './htx-responses.ts';

/** Guards against a server that keeps handing out page ids. */
const MAX_PAGES = 1_000;

/**
 * HTX: the calling key and the parent user's other keys (GET /v2/user/api-key), the sub users (GET /v2/sub-user/user-list)
 * and their keys, and deletion of sub users' keys (docs/exchanges/htx.md). One instance per connection.
 */
export function createHtxAdapter(deps: HtxClientDeps): ExchangeAdapter {
  const client = createHtxClient(deps);
  let caller: { apiKey: string; read: Promise<{ uid: string; key: HtxApiKey }> } | null = null;

  async function listKeys(credentials: Credentials, uid: string, accessKey?: string): Promise<HtxApiKey[]> {
    const query: [string, string][] = [['uid', uid], ...(accessKey ? [['accessKey', accessKey] as [string, string]] : [])];
    const { data } = await client.fetchPrivate(credentials, { method: 'GET', path: '/v2/user/api-key', query });
    return parseHtxData(htxApiKeyListSchema, data);
  }

  /** GET /v2/user/uid, then the calling key by its access key; kept for the connection's later calls, dropped if it failed. */
  function readCaller(credentials: Credentials, refresh: boolean): Promise<{ uid: string; key: HtxApiKey }> {
    if (refresh || !caller || caller.apiKey !== credentials.apiKey) {
      const read = (async () => {
        const uid = parseHtxData(htxUidSchema, (await client.fetchPrivate(credentials, { method: 'GET', path: '/v2/user/uid' })).data);
        const key = (await listKeys(credentials, uid, credentials.apiKey)).find((candidate) => candidate.accessKey === credentials.apiKey);
        if (!key) throw new ExchangeError('bad-response', 'HTX did not list the key this connection signs with.');
        return { uid, key };
      })();
      const entry = { apiKey: credentials.apiKey, read };
      read.catch(() => {
        if (caller === entry) caller = null;
      });
      caller = entry;
    }
    return caller.read;
  }

  const isCaller = (credentials: Credentials, apiKey: string) => apiKey === credentials.apiKey || apiKey === maskApiKey(credentials.apiKey);

  return {
    id: 'htx',

    async fetchCallingKey(credentials) {
      const { key } = await readCaller(credentials, true);
      return toHtxExchangeKey(key, { account: HTX_PARENT_ACCOUNT, isCallingKey: true, canCallerRevoke: false }, deps.now());
    },

    /** Without accessKey, GET /v2/user/api-key "will return all API keys belong to the UID" (docs/exchanges/htx.md#calling-key). */
    async fetchOtherMasterKeys(credentials) {
      const { uid } = await readCaller(credentials, false);
      const keys = (await listKeys(credentials, uid)).filter((key) => key.accessKey !== credentials.apiKey);
      return { keys: keys.map((key) => toHtxExchangeKey(key, { account: HTX_PARENT_ACCOUNT, isCallingKey: false, canCallerRevoke: false }, deps.now())) };
    },

    /** GET /v2/sub-user/user-list, every page: nextId is the next page's fromId. */
    async fetchSubAccounts(credentials) {
      await readCaller(credentials, false);
      const accounts = new Map<string, AccountRef>();
      let fromId = '';
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const query: [string, string][] = fromId ? [['fromId', fromId]] : [];
        const { data, nextId } = await client.fetchPrivate(credentials, { method: 'GET', path: '/v2/sub-user/user-list', query });
        const users = parseHtxData(htxSubUserListSchema, data);
        for (const user of users) accounts.set(user.uid, { kind: 'sub', name: user.uid });
        if (!nextId || nextId === fromId || users.length === 0) break;
        fromId = nextId;
      }
      return [...accounts.values()];
    },

    /** GET /v2/user/api-key with the sub user's uid: every key of that sub user. */
    async fetchSubAccountKeys(credentials, account) {
      if (account.kind !== 'sub') throw new ExchangeError('invalid-request', "HTX's sub-user key listing takes a sub user.");
      // The calling key first (cached after fetchCallingKey): a failed listing must not leave a call behind.
      const { key: callerKey } = await readCaller(credentials, false);
      const canCallerRevoke = canHtxKeyRevoke(toHtxPermissionWords(callerKey.permission));
      const keys = await listKeys(credentials, account.name);
      return keys.map((key) => toHtxExchangeKey(key, { account, isCallingKey: isCaller(credentials, key.accessKey), canCallerRevoke }, deps.now()));
    },

    /** POST /v2/sub-user/api-key-deletion (docs/exchanges/htx.md#key-deletion): a parent user's key with Trade deletes a sub user's key. */
    async revokeKey(credentials, key) {
      if (key.account.kind !== 'sub') {
        throw new ExchangeError('invalid-request', "HTX's API deletes only sub users' keys; delete a parent user's key on HTX's API management page.");
      }
      const { key: callerKey } = await readCaller(credentials, false);
      if (!canHtxKeyRevoke(toHtxPermissionWords(callerKey.permission))) {
        throw new ExchangeError('permission-denied', "HTX deletes a sub user's key only through a parent user's key with Trade permission; this connection's key has none.");
      }
      if (!/^\d+$/.test(key.account.name)) throw new ExchangeError('invalid-request', 'That is not an HTX sub user id.');
      const body = `{"subUid":${key.account.name},"accessKey":${JSON.stringify(key.apiKey)}}`;
      await client.fetchPrivate(credentials, { method: 'POST', path: '/v2/sub-user/api-key-deletion', body });
    },
  } satisfies ExchangeAdapter;
}
