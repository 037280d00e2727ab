import type { AuditedKey } from '@contract/audited-key.ts';
import { isNonIdentifyingApiKey } from '../exchanges/masked-api-keys.ts';
import type { Acceptance } from './policy.ts';

/** The fields of an acceptance that say which key it is about: what the accept route records for a key of an audit. */
export type AcceptanceScope = Pick<Acceptance, 'apiKey' | 'exchange' | 'connectionId' | 'account' | 'keyId'>;

export function toAcceptanceScope(key: AuditedKey): Required<AcceptanceScope> {
  return { apiKey: key.apiKey, exchange: key.exchange, connectionId: key.connectionId, account: { ...key.account }, keyId: key.id };
}

/**
 * Which keys an acceptance covers, among the keys of one evaluation.
 *
 * A scoped entry (connectionId and account) covers the key of that connection and account with that apiKey; where the
 * exchange masked the apiKey, only the key with that keyId, since every masked key of the account shares the string.
 *
 * An entry written before acceptances were scoped names only exchange and apiKey. Read as it was, one masked "******"
 * would silence a rule on every masked key, and a key string in two connections would be accepted in both. So it covers
 * a key only where that string identifies exactly one key of the evaluation, and never a masked one: an old entry that
 * no longer says which key it meant matches nothing, and its finding counts again until it is accepted anew.
 */
export function createAcceptanceMatcher(keys: readonly AuditedKey[]): (acceptance: AcceptanceScope, key: AuditedKey) => boolean {
  const keysPerApiKey = new Map<string, number>();
  for (const key of keys) keysPerApiKey.set(`${key.exchange}\0${key.apiKey}`, (keysPerApiKey.get(`${key.exchange}\0${key.apiKey}`) ?? 0) + 1);
  const isMasked = (key: AuditedKey) => key.isApiKeyMasked === true || isNonIdentifyingApiKey(key.apiKey);

  return (acceptance, key) => {
    if (acceptance.exchange !== key.exchange) return false;
    if (acceptance.connectionId === undefined || acceptance.account === undefined) {
      return !isMasked(key) && acceptance.apiKey === key.apiKey && keysPerApiKey.get(`${key.exchange}\0${key.apiKey}`) === 1;
    }
    if (acceptance.connectionId !== key.connectionId) return false;
    if (acceptance.account.kind !== key.account.kind || acceptance.account.name !== key.account.name) return false;
    return isMasked(key) ? acceptance.keyId === key.id : acceptance.apiKey === key.apiKey;
  };
}
