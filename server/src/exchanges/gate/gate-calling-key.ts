import { ExchangeError } from '../exchange-error.ts';
import type { Credentials } from '../exchange-adapter.ts';
import type { GateClient } from './gate-client.ts';
import { GATE_CALLS } from './gate-calls.ts';
import { isMatchableGateKey, isSameGateKey } from './gate-normalize.ts';
import {
  gateAccountDetailSchema,
  gateMainKeysSchema,
  parseGateData,
  type GateAccountDetail,
  type GateApiKey,
  type GateMainKeys,
} from './gate-responses.ts';

/** What keyaudit learns about the key it signs with. */
export type GateCallingKey = {
  /** GET /account/detail: user id and IP whitelist of the calling key. */
  detail: GateAccountDetail;
  /** Whether the key belongs to the main account, which alone may list sub-accounts and their keys. */
  isMaster: boolean;
  /** The calling key's own record in GET /account/main_keys, with its permissions; null when not found there. */
  listed: GateApiKey | null;
};

/** GET /account/main_keys, read: a list, or the single record Gate's schema declares. */
export async function fetchGateMainKeys(client: GateClient, credentials: Credentials): Promise<GateMainKeys> {
  return parseGateData(gateMainKeysSchema, await client.fetchPrivate(credentials, GATE_CALLS.mainKeys));
}

/**
 * Reads the calling key. /account/detail has "no permission list", so its permissions come from /account/main_keys
 * (docs/exchanges/gate.md#main-account-keys), matched by the (masked) key and the user id. What Gate answers a sub-account key on
 * main_keys is not documented (UNVERIFIED): a listing without the calling key, or a refusal, both mean "not a main key".
 * When main_keys cannot be used at all (refused, failed, unreadable), the main account is recognised by being allowed to
 * list sub-accounts: a broken main_keys must never stop the sub-account audit.
 */
export async function fetchGateCallingKey(client: GateClient, credentials: Credentials): Promise<GateCallingKey> {
  const detail = await fetchAccountDetail(client, credentials);
  try {
    return { detail, ...findCallingKey(await fetchGateMainKeys(client, credentials), credentials.apiKey, detail) };
  } catch (error) {
    if (!(error instanceof ExchangeError)) throw error;
  }
  try {
    await client.fetchPrivate(credentials, GATE_CALLS.subAccounts);
    return { detail, isMaster: true, listed: null };
  } catch (error) {
    if (!(error instanceof ExchangeError)) throw error;
    // Refused: not a main key. Any other failure leaves it open: counted as a main key, the sub-account
    // listing is attempted and reports its own failure, instead of the audit ending quietly here.
    return { detail, isMaster: !isRefusal(error), listed: null };
  }
}

/** GET /account/detail. Gate does not say which permission it needs; its enum's `account` is "account information" (docs/exchanges/gate.md#calling-key). */
async function fetchAccountDetail(client: GateClient, credentials: Credentials): Promise<GateAccountDetail> {
  try {
    return parseGateData(gateAccountDetailSchema, await client.fetchPrivate(credentials, GATE_CALLS.accountDetail));
  } catch (error) {
    if (error instanceof ExchangeError && error.exchangeCode === 'FORBIDDEN') {
      throw new ExchangeError(
        'permission-denied',
        "Gate refused to show this key's account information. On Gate's API management page, give the key the Account permission (read-only is enough).",
        { exchangeCode: 'FORBIDDEN' },
      );
    }
    throw error;
  }
}

function findCallingKey({ keys, isSingleRecord }: GateMainKeys, apiKey: string, detail: GateAccountDetail): Omit<GateCallingKey, 'detail'> {
  const isSameUser = (item: GateApiKey) =>
    item.user_id === null || item.user_id === undefined || detail.user_id === null || detail.user_id === undefined ||
    String(item.user_id) === String(detail.user_id);
  const listed = keys.find((item) => isSameGateKey(item.key, apiKey) && isSameUser(item));
  if (listed) return { isMaster: true, listed };
  // A single record whose key cannot be told apart ({mode}, or masked beyond recognition) is the calling key's own:
  // the schema's AccountKeyInfo describes "the" key, and main_keys answers only a main account's key.
  const [single] = keys;
  if (isSingleRecord && single && isSameUser(single) && !isMatchableGateKey(single.key)) return { isMaster: true, listed: single };
  // Keys Gate masks beyond recognition (or sends as objects) cannot be matched: the listing still shows whose keys they are.
  const canMatchAny = keys.some((item) => isMatchableGateKey(item.key));
  const isMaster = keys.length > 0 && !canMatchAny && keys.every(isSameUser);
  return { isMaster, listed: null };
}

function isRefusal(error: ExchangeError): boolean {
  return error.kind === 'permission-denied' || error.kind === 'not-found';
}
