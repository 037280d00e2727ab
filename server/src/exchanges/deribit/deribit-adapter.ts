import type { CoverageNote } from '@contract/coverage-note.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import type { Credentials, ExchangeAdapter } from '../exchange-adapter.ts';
import { ExchangeError } from '../exchange-error.ts';
import { canDeribitKeyRemoveKeys, toDeribitScopeWords } from './deribit-capabilities.ts';
import { createDeribitClient, type DeribitClientDeps } from './deribit-client.ts';
import { toDeribitExchangeKey } from './deribit-normalize.ts';
import {
  deribitApiKeyListSchema,
  deribitApiKeySchema,
  deribitOkSchema,
  deribitSubAccountListSchema,
  parseDeribitResult,
  type DeribitApiKey,
} from './deribit-responses.ts';

export type DeribitAdapterDeps = DeribitClientDeps;

const { name, manageKeysUrl } = exchangeInfo('deribit');

/** Deribit Client IDs are short letters, digits, "-" and "_"; anything else must not be spliced into a signed query. */
const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * What a main-account audit cannot see on Deribit: its sub-accounts' keys. get_subaccounts names the sub-accounts, but
 * no method lists their keys to the main account's key (docs/exchanges/deribit.md#sub-account-keys).
 */
export function deribitSubAccountKeysNote(subAccountNames: readonly string[] | null): CoverageNote {
  const which = subAccountNames === null
    ? 'keyaudit could not list the sub-accounts of this account, and'
    : `this account has ${subAccountNames.length} sub-account${subAccountNames.length === 1 ? '' : 's'} (${subAccountNames.join(', ')}), and`;
  return {
    gap: 'sub-accounts-not-listed',
    message: `${which} ${name}'s API does not list a sub-account's API keys to the main account's key, so none of them was checked. Check them on ${name}'s API page, logged in as each sub-account: ${manageKeysUrl}`,
  };
}

/**
 * One instance per connection. private/list_api_keys lists every key of the calling key's account
 * (docs/exchanges/deribit.md#calling-key): the calling key is found in it by its Client ID, the others are the account's
 * other keys. One listing serves both calls of an audit.
 */
export function createDeribitAdapter(deps: DeribitAdapterDeps): ExchangeAdapter {
  const client = createDeribitClient(deps);
  let listing: { apiKey: string; read: Promise<DeribitApiKey[]> } | null = null;

  function listKeys(credentials: Credentials, refresh: boolean): Promise<DeribitApiKey[]> {
    if (refresh || !listing || listing.apiKey !== credentials.apiKey) {
      const read = client.call(credentials, { method: 'private/list_api_keys', isRetrySafe: true }).then((result) => parseDeribitResult(deribitApiKeyListSchema, result));
      const entry = { apiKey: credentials.apiKey, read };
      read.catch(() => {
        if (listing === entry) listing = null;
      });
      listing = entry;
    }
    return listing.read;
  }

  function findCallingKey(keys: readonly DeribitApiKey[], credentials: Credentials): DeribitApiKey {
    const own = keys.find((raw) => raw.client_id === credentials.apiKey);
    if (!own) throw new ExchangeError('bad-response', `${name} listed this account's keys without the key keyaudit signs with; audit again.`);
    return own;
  }

  async function subAccountNames(credentials: Credentials): Promise<string[] | null> {
    try {
      const accounts = parseDeribitResult(deribitSubAccountListSchema, await client.call(credentials, {
        method: 'private/get_subaccounts', query: [['with_portfolio', 'false']], isRetrySafe: true,
      }));
      return accounts.filter((account) => account.type === 'subaccount').map((account) => account.username);
    } catch {
      return null;
    }
  }

  return {
    id: 'deribit',

    async fetchCallingKey(credentials) {
      const keys = await listKeys(credentials, true);
      const own = findCallingKey(keys, credentials);
      return toDeribitExchangeKey(own, { callingClientId: credentials.apiKey, callingScopeWords: toDeribitScopeWords(own.max_scope) });
    },

    /** Deribit's API never lists a sub-account's keys to the main account's key: the note of fetchOtherMasterKeys names the sub-accounts instead. */
    async fetchSubAccounts() {
      return [];
    },

    async fetchSubAccountKeys() {
      throw new ExchangeError('invalid-request', `${name}'s API does not list a sub-account's keys to the main account's key.`);
    },

    /** The rest of private/list_api_keys, and a note naming the sub-accounts whose keys stay unaudited (if any). */
    async fetchOtherMasterKeys(credentials) {
      const keys = await listKeys(credentials, false);
      const own = findCallingKey(keys, credentials);
      const context = { callingClientId: credentials.apiKey, callingScopeWords: toDeribitScopeWords(own.max_scope) };
      const others = keys.filter((raw) => raw !== own).map((raw) => toDeribitExchangeKey(raw, context));
      const subs = await subAccountNames(credentials);
      return subs !== null && subs.length === 0 ? { keys: others } : { keys: others, note: deribitSubAccountKeysNote(subs) };
    },

    /** private/remove_api_key by the key's id (docs/exchanges/deribit.md#key-deletion), answered "ok"; never the calling key. */
    async revokeKey(credentials, key) {
      if (key.account.kind !== 'master' || key.apiKey === credentials.apiKey || !CLIENT_ID_PATTERN.test(key.apiKey)) {
        throw new ExchangeError('invalid-request', `keyaudit cannot delete that key through ${name}'s API; delete it on ${name}'s API page.`);
      }
      const keys = await listKeys(credentials, true);
      if (!canDeribitKeyRemoveKeys(toDeribitScopeWords(findCallingKey(keys, credentials).max_scope))) {
        throw new ExchangeError('permission-denied', `${name} deletes keys only for a key with the account:read_write scope, and this connection's key lacks it.`);
      }
      const target = keys.find((raw) => raw.client_id === key.apiKey);
      if (!target) throw new ExchangeError('not-found', `That key no longer exists on ${name}; nothing was deleted.`);
      const result = await client.call(credentials, { method: 'private/remove_api_key', query: [['id', String(target.id)]], isRetrySafe: false });
      parseDeribitResult(deribitOkSchema, result);
      listing = null;
    },

    /**
     * private/disable_api_key by the key's id (docs/exchanges/deribit.md#key-deletion), answered with the key. Never the
     * calling key: a disabled key cannot authenticate, so keyaudit would lock itself out. Repeating it changes nothing,
     * so a lost answer may be retried.
     */
    async disableKey(credentials, key) {
      if (key.account.kind !== 'master' || key.apiKey === credentials.apiKey || !CLIENT_ID_PATTERN.test(key.apiKey)) {
        throw new ExchangeError('invalid-request', `keyaudit cannot disable that key through ${name}'s API; disable it on ${name}'s API page: ${manageKeysUrl}`);
      }
      const keys = await listKeys(credentials, true);
      if (!canDeribitKeyRemoveKeys(toDeribitScopeWords(findCallingKey(keys, credentials).max_scope))) {
        throw new ExchangeError('permission-denied', `${name} disables keys only for a key with the account:read_write scope, and this connection's key lacks it.`);
      }
      const target = keys.find((raw) => raw.client_id === key.apiKey);
      if (!target) throw new ExchangeError('not-found', `That key no longer exists on ${name}; nothing was disabled.`);
      const result = await client.call(credentials, {
        method: 'private/disable_api_key',
        query: [['id', String(target.id)]],
        isRetrySafe: true,
        tfaRefusal: `${name} asks for a second factor (two-factor code or security key) before it disables a key on this account, and keyaudit cannot provide one. Nothing was changed: disable the key on ${name}'s API page, ${manageKeysUrl}`,
      });
      parseDeribitResult(deribitApiKeySchema, result);
      listing = null;
    },
  } satisfies ExchangeAdapter;
}
