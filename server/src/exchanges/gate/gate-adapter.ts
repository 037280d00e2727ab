import type { AccountRef } from '@contract/audited-key.ts';
import type { Credentials, ExchangeAdapter } from '../exchange-adapter.ts';
import { ExchangeError } from '../exchange-error.ts';
import { createGateClient, type GateClientDeps } from './gate-client.ts';
import { GATE_CALLS } from './gate-calls.ts';
import { fetchGateCallingKey, fetchGateMainKeys, type GateCallingKey } from './gate-calling-key.ts';
import {
  GATE_MASTER_ACCOUNT,
  isMatchableGateKey,
  isSameGateKey,
  toGateCallingKeyFromDetail,
  toGateExchangeKey,
  toGateIpWhitelist,
  toGateSubAccountRef,
} from './gate-normalize.ts';
import { gateApiKeyListSchema, gateSubAccountListSchema, parseGateData, type GateApiKey } from './gate-responses.ts';
import { exchangeInfo } from '@contract/exchanges.ts';

export type GateAdapterDeps = GateClientDeps;

/** The connection's coverage note when main_keys answered one record (docs/exchanges/gate.md#main-account-keys). */
const OTHER_MAIN_KEYS_NOT_LISTED = {
  gap: 'other-master-keys-not-listed',
  message:
    `Gate answered the list of main-account keys with one key's record only, so the main account's other API keys were not listed. Check them on Gate's API management page: ${exchangeInfo('gate').manageKeysUrl}`,
} as const;

/** Gate keys are hex; anything else must not be spliced into a signed path. */
const API_KEY_PATTERN = /^[A-Za-z0-9]{1,128}$/;

/**
 * One instance per connection: it remembers the server-clock offset, the calling key and the sub-accounts' user ids.
 * Sub-accounts are named by login name; Gate's endpoints address them by user id.
 */
export function createGateAdapter(deps: GateAdapterDeps): ExchangeAdapter {
  const client = createGateClient(deps);
  let callingKey: { apiKey: string; read: Promise<GateCallingKey> } | null = null;
  const userIds = new Map<string, string>();

  function readCallingKey(credentials: Credentials, refresh: boolean): Promise<GateCallingKey> {
    if (refresh || !callingKey || callingKey.apiKey !== credentials.apiKey) {
      const entry = { apiKey: credentials.apiKey, read: fetchGateCallingKey(client, credentials) };
      entry.read.catch(() => {
        if (callingKey === entry) callingKey = null;
      });
      callingKey = entry;
    }
    return callingKey.read;
  }

  async function listSubAccounts(credentials: Credentials): Promise<AccountRef[]> {
    const subs = parseGateData(gateSubAccountListSchema, await client.fetchPrivate(credentials, GATE_CALLS.subAccounts));
    return subs.map((sub) => {
      const account = toGateSubAccountRef(sub);
      userIds.set(account.name, String(sub.user_id));
      return account;
    });
  }

  async function resolveUserId(credentials: Credentials, account: AccountRef): Promise<string> {
    if (!userIds.has(account.name)) await listSubAccounts(credentials);
    const userId = userIds.get(account.name);
    if (!userId) throw new ExchangeError('not-found', 'Gate has no sub-account of that name (any more).');
    return userId;
  }

  async function listSubAccountKeys(credentials: Credentials, account: AccountRef): Promise<GateApiKey[]> {
    const call = GATE_CALLS.subAccountKeys(await resolveUserId(credentials, account));
    return parseGateData(gateApiKeyListSchema, await client.fetchPrivate(credentials, call));
  }

  return {
    id: 'gate',

    async fetchCallingKey(credentials) {
      const { detail, isMaster, listed } = await readCallingKey(credentials, true);
      if (listed) return toGateExchangeKey(listed, { account: GATE_MASTER_ACCOUNT, isCallingKey: true, callingApiKey: credentials.apiKey });
      const account: AccountRef = isMaster ? GATE_MASTER_ACCOUNT : { kind: 'sub', name: String(detail.user_id ?? 'unknown sub-account') };
      return toGateCallingKeyFromDetail(credentials.apiKey, detail, account);
    },

    /** GET /sub_accounts?type=0 (docs/exchanges/gate.md#sub-accounts): regular and cross-margin sub-accounts, in one unpaginated list. */
    async fetchSubAccounts(credentials) {
      if (!(await readCallingKey(credentials, false)).isMaster) return [];
      return listSubAccounts(credentials);
    },

    /** GET /sub_accounts/{user_id}/keys (docs/exchanges/gate.md#sub-account-keys). */
    async fetchSubAccountKeys(credentials, account) {
      if (account.kind !== 'sub') throw new ExchangeError('invalid-request', 'Main-account keys are listed by fetchOtherMasterKeys.');
      const keys = await listSubAccountKeys(credentials, account);
      return keys.map((raw) => toGateExchangeKey(raw, { account, isCallingKey: raw.key === credentials.apiKey }));
    },

    /**
     * GET /account/main_keys (docs/exchanges/gate.md#main-account-keys): the main account's other keys, with their last access.
     * Answered with a single record (the calling key's, as Gate's schema has it), the others are not listed: a coverage note says so.
     */
    async fetchOtherMasterKeys(credentials) {
      const account = GATE_MASTER_ACCOUNT;
      if (!(await readCallingKey(credentials, false)).isMaster) {
        throw new ExchangeError('permission-denied', 'Gate lists main-account keys only to a main-account key; this connection uses a sub-account key.');
      }
      const { keys, isSingleRecord } = await fetchGateMainKeys(client, credentials);
      const isCallingKeysRecord = (raw: GateApiKey) => isSameGateKey(raw.key, credentials.apiKey) || (isSingleRecord && !isMatchableGateKey(raw.key));
      const others = keys.flatMap((raw, index) => (isCallingKeysRecord(raw) ? [] : [toGateExchangeKey(raw, { account, isCallingKey: false }, index)]));
      return isSingleRecord ? { keys: others, note: OTHER_MAIN_KEYS_NOT_LISTED } : { keys: others };
    },

    /** DELETE /sub_accounts/{user_id}/keys/{key} (docs/exchanges/gate.md#key-deletion), answered with 204; Gate needs no key passphrase. */
    async revokeKey(credentials, key) {
      if (key.account.kind !== 'sub') {
        throw new ExchangeError('invalid-request', "Gate's API cannot delete main-account keys; delete it on Gate's API management page.");
      }
      if (key.apiKey === credentials.apiKey || !API_KEY_PATTERN.test(key.apiKey)) {
        throw new ExchangeError('invalid-request', 'keyaudit cannot delete that key through Gate\'s API; delete it on Gate\'s API management page.');
      }
      if (!(await readCallingKey(credentials, false)).isMaster) {
        throw new ExchangeError('permission-denied', 'Only a main-account key can delete sub-account keys; this connection uses a sub-account key.');
      }
      const listed = await listSubAccountKeys(credentials, key.account);
      if (!listed.some((raw) => raw.key === key.apiKey)) {
        throw new ExchangeError('not-found', 'That key no longer exists on Gate; nothing was deleted.');
      }
      await client.fetchPrivate(credentials, GATE_CALLS.deleteSubAccountKey(await resolveUserId(credentials, key.account), key.apiKey));
    },

    /**
     * PUT /sub_accounts/{user_id}/keys/{key} (docs/exchanges/gate.md#key-update), a full replace: what is left out is cleared.
     * The key is read again first and sent back whole (name, mode, every perm, the whole whitelist) with only the plan's change.
     */
    async restrictKey(credentials, key, plan) {
      if (key.account.kind !== 'sub') {
        throw new ExchangeError('invalid-request', "Gate's API cannot change main-account keys; change it on Gate's API management page.");
      }
      if (key.apiKey === credentials.apiKey || !API_KEY_PATTERN.test(key.apiKey)) {
        throw new ExchangeError('invalid-request', "keyaudit cannot change that key through Gate's API; change it on Gate's API management page.");
      }
      if (!(await readCallingKey(credentials, false)).isMaster) {
        throw new ExchangeError('permission-denied', 'Only a main-account key can change sub-account keys; this connection uses a sub-account key.');
      }
      const raw = (await listSubAccountKeys(credentials, key.account)).find((candidate) => candidate.key === key.apiKey);
      if (!raw) throw new ExchangeError('not-found', 'That key no longer exists on Gate; nothing was changed.');
      const listedIps = toGateIpWhitelist(raw.ip_whitelist);
      const ips = plan.changes.ips ? plan.after.ipWhitelist : listedIps;
      if (ips === 'unknown' || !raw.perms) {
        throw new ExchangeError('bad-response', 'Gate did not send this key whole, so keyaudit cannot send it back unchanged; nothing was changed.');
      }
      const dropped = new Set(plan.changes.permissions ? plan.droppedWords : []);
      const perms = raw.perms.map((perm) => ({ name: perm.name, read_only: perm.read_only === true || dropped.has(perm.name) }));
      const body = { name: raw.name ?? '', ...(typeof raw.mode === 'number' ? { mode: raw.mode } : {}), perms, ip_whitelist: ips ?? [] };
      await client.fetchPrivate(credentials, GATE_CALLS.updateSubAccountKey(await resolveUserId(credentials, key.account), key.apiKey, JSON.stringify(body)));
    },
  } satisfies ExchangeAdapter;
}
