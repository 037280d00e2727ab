import type { AccountRef } from '@contract/audited-key.ts';
import type { Credentials, ExchangeAdapter } from '../exchange-adapter.ts';
import { ExchangeError } from '../exchange-error.ts';
import { canBybitKeyManageKeys, toBybitPermissionWords } from './bybit-capabilities.ts';
import { createBybitClient, type BybitClientDeps } from './bybit-client.ts';
import { parseBybitIpWhitelist, toBybitAccountRef, toBybitCallingExchangeKey, toBybitSubExchangeKey } from './bybit-normalize.ts';
import {
  bybitCallingKeySchema, bybitEmptyResultSchema, bybitUpdatedKeySchema, bybitSubApiKeyPageSchema, bybitSubMemberPageSchema, parseBybitResult,
  type BybitCallingKey, type BybitSubApiKey,
} from './bybit-responses.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import { exchangeInfo } from '@contract/exchanges.ts';

const { auditKeyNeeds } = exchangeInfo('bybit');

export type BybitAdapterDeps = BybitClientDeps & {
  /** pageSize of GET /v5/user/submembers (Bybit: at most 100) and limit of GET /v5/user/sub-apikeys (at most 20). */
  pageSizes?: { subMembers?: number; subApiKeys?: number };
};

/** Guards against a server that keeps handing out cursors. */
const MAX_PAGES = 1_000;
const clamp = (value: number | undefined, max: number) => Math.max(1, Math.min(value ?? max, max));

/** One instance per connection: it remembers the server-clock offset, the rate-limit windows and the calling key. */
export function createBybitAdapter(deps: BybitAdapterDeps): ExchangeAdapter {
  const client = createBybitClient(deps);
  const subMembersPageSize = clamp(deps.pageSizes?.subMembers, 100);
  const subApiKeysPageSize = clamp(deps.pageSizes?.subApiKeys, 20);
  let callingKey: { apiKey: string; raw: Promise<BybitCallingKey> } | null = null;

  /** GET /v5/user/query-api (docs/exchanges/bybit.md#calling-key): the key we sign with, and whether it belongs to the master account. */
  function readCallingKey(credentials: Credentials, refresh: boolean): Promise<BybitCallingKey> {
    if (refresh || !callingKey || callingKey.apiKey !== credentials.apiKey) {
      const raw = client.fetchPrivate(credentials, { method: 'GET', path: '/v5/user/query-api' }).then((result) => parseBybitResult(bybitCallingKeySchema, result));
      const entry = { apiKey: credentials.apiKey, raw };
      raw.catch(() => {
        if (callingKey === entry) callingKey = null;
      });
      callingKey = entry;
    }
    return callingKey.raw;
  }

  async function canManageKeys(credentials: Credentials): Promise<boolean> {
    const raw = await readCallingKey(credentials, false);
    const isReadOnly = raw.readOnly === null || raw.readOnly === undefined ? 'unknown' : Number(raw.readOnly) !== 0;
    return canBybitKeyManageKeys(toBybitPermissionWords(raw.permissions), { isReadOnly, isMaster: raw.isMaster !== false });
  }

  /** GET /v5/user/sub-apikeys (docs/exchanges/bybit.md#sub-account-keys), every page: "Only master account can call this endpoint". */
  async function listSubAccountKeys(credentials: Credentials, subMemberId: string): Promise<BybitSubApiKey[]> {
    const keys: BybitSubApiKey[] = [];
    let cursor = '';
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const query: [string, string][] = [['subMemberId', subMemberId], ['limit', String(subApiKeysPageSize)], ...(cursor ? [['cursor', cursor] as [string, string]] : [])];
      const result = parseBybitResult(bybitSubApiKeyPageSchema, await client.fetchPrivate(credentials, { method: 'GET', path: '/v5/user/sub-apikeys', query }));
      keys.push(...result.result);
      const next = result.nextPageCursor ?? '';
      if (!next || next === cursor || result.result.length === 0) break;
      cursor = next;
    }
    return keys;
  }

  /**
   * GET /v5/user/submembers. Bybit answers 10005 to a master key without Account Transfer, Subaccount Transfer or
   * Withdrawal, typically a read-only key made for auditing (docs/exchanges/bybit.md#sub-accounts): the message says
   * exactly what to grant, from the exchange table, instead of a bare "permission denied".
   */
  async function fetchSubMembers(credentials: Credentials, query: [string, string][]): Promise<unknown> {
    try {
      return await client.fetchPrivate(credentials, { method: 'GET', path: '/v5/user/submembers', query });
    } catch (error) {
      if (!(error instanceof ExchangeError) || error.exchangeCode !== '10005') throw error;
      const message = `This key may not list Bybit's sub-accounts, so their keys were not audited. ${auditKeyNeeds.why}`;
      throw new ExchangeError('permission-denied', message, { exchangeCode: error.exchangeCode });
    }
  }

  const isCallingKeyAddress = (credentials: Credentials, apiKey: string) => apiKey === credentials.apiKey || apiKey === maskApiKey(credentials.apiKey);

  return {
    id: 'bybit',

    async fetchCallingKey(credentials) {
      return toBybitCallingExchangeKey(await readCallingKey(credentials, true), deps.now());
    },

    /** GET /v5/user/submembers (docs/v5/user/page-subuid.mdx), every page; nextCursor "0" ends the list. */
    async fetchSubAccounts(credentials) {
      if ((await readCallingKey(credentials, false)).isMaster === false) return [];
      const accounts = new Map<string, AccountRef>();
      let cursor = '';
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const query: [string, string][] = [['pageSize', String(subMembersPageSize)], ...(cursor ? [['nextCursor', cursor] as [string, string]] : [])];
        const result = parseBybitResult(bybitSubMemberPageSchema, await fetchSubMembers(credentials, query));
        for (const member of result.subMembers) accounts.set(member.uid, { kind: 'sub', name: member.uid });
        const next = result.nextCursor ?? '0';
        if (next === '0' || next === '' || next === cursor || result.subMembers.length === 0) break;
        cursor = next;
      }
      return [...accounts.values()];
    },

    async fetchSubAccountKeys(credentials, account) {
      if (account.kind !== 'sub') throw new ExchangeError('invalid-request', "Bybit's API lists the keys of sub-accounts only.");
      // The calling key first (it is cached after fetchCallingKey): a failed listing must not leave a call behind.
      const canCallerRevoke = await canManageKeys(credentials);
      const keys = await listSubAccountKeys(credentials, account.name);
      return keys.map((raw) => toBybitSubExchangeKey(raw, { account, canCallerRevoke }, deps.now()));
    },

    /**
     * POST /v5/user/delete-sub-api for sub-account keys; the connection's own key through POST /v5/user/delete-api
     * (master) or delete-sub-api without `apikey` (sub-account key). Both take effect "immediately" (docs/exchanges/bybit.md#key-deletion).
     */
    async revokeKey(credentials, key) {
      const calling = await readCallingKey(credentials, false);
      const callingAccount = toBybitAccountRef(calling);
      if (isCallingKeyAddress(credentials, key.apiKey) && key.account.kind === callingAccount.kind && key.account.name === callingAccount.name) {
        const path = callingAccount.kind === 'master' ? '/v5/user/delete-api' : '/v5/user/delete-sub-api';
        parseBybitResult(bybitEmptyResultSchema, await client.fetchPrivate(credentials, { method: 'POST', path, body: '{}' }));
        callingKey = null;
        return;
      }
      if (key.account.kind !== 'sub') {
        throw new ExchangeError('invalid-request', "Bybit's API deletes only the master key it is called with; delete other master keys on Bybit's API management page.");
      }
      if (callingAccount.kind !== 'master') {
        throw new ExchangeError('permission-denied', 'Only a master-account key can delete other sub-account keys; this connection uses a sub-account key.');
      }
      // delete-sub-api names no sub-account: make sure the key really is in the one the user saw it under.
      if (!(await listSubAccountKeys(credentials, key.account.name)).some((raw) => raw.apiKey === key.apiKey)) {
        throw new ExchangeError('not-found', 'That key no longer exists in that Bybit sub-account; nothing was deleted.');
      }
      const body = JSON.stringify({ apikey: key.apiKey });
      parseBybitResult(bybitEmptyResultSchema, await client.fetchPrivate(credentials, { method: 'POST', path: '/v5/user/delete-sub-api', body }));
    },

    /**
     * POST /v5/user/update-sub-api (docs/exchanges/bybit.md#key-update). A missing `ips` unbinds the key and a missing
     * `readOnly` makes it read-write, so both always go out, from the key as Bybit lists it right now; `permissions`
     * goes out (whole) only when some are dropped. Master keys: their IPs can no longer be changed by API.
     */
    async restrictKey(credentials, key, plan) {
      if (key.account.kind !== 'sub') {
        throw new ExchangeError('invalid-request', "Bybit's API no longer changes a master key's IP whitelist; change it on Bybit's API management page.");
      }
      if ((await readCallingKey(credentials, false)).isMaster === false) {
        throw new ExchangeError('permission-denied', 'Only a master-account key can change sub-account keys; this connection uses a sub-account key.');
      }
      const raw = (await listSubAccountKeys(credentials, key.account.name)).find((candidate) => candidate.apiKey === key.apiKey);
      if (!raw) throw new ExchangeError('not-found', 'That key no longer exists in that Bybit sub-account; nothing was changed.');
      const listedIps = parseBybitIpWhitelist(raw.ips);
      const ips = plan.changes.ips ? plan.after.ipWhitelist : listedIps;
      if (ips === 'unknown') throw new ExchangeError('bad-response', 'Bybit did not say which IPs this key is bound to, so keyaudit cannot resend them; nothing was changed.');
      const body: Record<string, unknown> = {
        apikey: key.apiKey,
        // The listing's boolean has no verified meaning (docs/exchanges/bybit.md#sub-account-keys); true is read as read-only,
        // and the re-read after the update shows the readOnly word again, so a wrong guess is reported as a mismatch.
        readOnly: raw.readOnly === true || Number(raw.readOnly) === 1 ? 1 : 0,
        ips: ips === null ? '*' : ips.join(','),
      };
      if (plan.changes.permissions) {
        const dropped = new Set(plan.droppedWords);
        body.permissions = Object.fromEntries(
          Object.entries(raw.permissions ?? {}).map(([group, words]) => [group, (words ?? []).filter((word) => !dropped.has(`${group}:${word}`))]),
        );
      }
      parseBybitResult(bybitUpdatedKeySchema, await client.fetchPrivate(credentials, { method: 'POST', path: '/v5/user/update-sub-api', body: JSON.stringify(body) }));
    },
  } satisfies ExchangeAdapter;
}
