import { ExchangeError } from '../exchange-error.ts';
import type { Credentials } from '../exchange-adapter.ts';
import type { GateClient } from './gate-client.ts';
import { GATE_CALLS } from './gate-calls.ts';
import { isMatchableGateKey, isSameGateKey } from './gate-normalize.ts';
import {
  gateAccountDetailSchema,
  gateApiKeyListSchema,
  parseGateData,
  type GateAccountDetail,
  type GateApiKey,
} from './gate-responses.ts';

/** What keyaudit learns about the key it signs with. */
export type GateCallingKey = {
  /** GET /account/detail: user id and IP whitelist of the calling key. */
  detail: GateAccountDetail;
  /** Whether the key belongs to the main account, which alone may list sub-accounts and their keys. */
  isMaster: boolean;
  /** The calling key's own item of GET /account/main_keys, with its permissions; null when not listed. */
  listed: GateApiKey | null;
};

/**
 * Reads the calling key. /account/detail has "no permission list", so its permissions come from /account/main_keys
 * (docs/exchanges/gate.md#main-account-keys), matched by the (masked) key and the user id. What Gate answers a sub-account key on
 * main_keys is not documented (UNVERIFIED): a listing without the calling key, or a refusal, both mean "not a main key";
 * after a refusal, the main account is recognised by being allowed to list sub-accounts.
 */
export async function fetchGateCallingKey(client: GateClient, credentials: Credentials): Promise<GateCallingKey> {
  const detail = parseGateData(gateAccountDetailSchema, await client.fetchPrivate(credentials, GATE_CALLS.accountDetail));
  try {
    const mainKeys = parseGateData(gateApiKeyListSchema, await client.fetchPrivate(credentials, GATE_CALLS.mainKeys));
    return { detail, ...findCallingKey(mainKeys, credentials.apiKey, detail) };
  } catch (error) {
    if (!isRefusal(error)) throw error;
  }
  try {
    await client.fetchPrivate(credentials, GATE_CALLS.subAccounts);
    return { detail, isMaster: true, listed: null };
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return { detail, isMaster: false, listed: null };
  }
}

function findCallingKey(mainKeys: readonly GateApiKey[], apiKey: string, detail: GateAccountDetail): Omit<GateCallingKey, 'detail'> {
  const isSameUser = (item: GateApiKey) =>
    item.user_id === null || item.user_id === undefined || detail.user_id === null || detail.user_id === undefined ||
    String(item.user_id) === String(detail.user_id);
  const listed = mainKeys.find((item) => isSameGateKey(item.key, apiKey) && isSameUser(item));
  if (listed) return { isMaster: true, listed };
  // Keys Gate masks beyond recognition (or sends as objects) cannot be matched: the listing still shows whose keys they are.
  const canMatchAny = mainKeys.some((item) => isMatchableGateKey(item.key));
  const isMaster = mainKeys.length > 0 && !canMatchAny && mainKeys.every(isSameUser);
  return { isMaster, listed: null };
}

function isRefusal(error: unknown): boolean {
  return error instanceof ExchangeError && (error.kind === 'permission-denied' || error.kind === 'not-found');
}
