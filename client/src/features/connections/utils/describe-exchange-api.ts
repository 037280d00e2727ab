import type { ExchangeId } from '@contract/exchange-id.ts';
import { exchangeInfo, type MasterKeyNeed } from '@contract/exchanges.ts';
import { joinWords } from '../../../utils/join-words.ts';

const NEED_PHRASES: Record<MasterKeyNeed, string> = {
  trade: 'Trade permission',
  'ip-whitelist': 'an IP whitelist',
  'transfer-or-withdraw': 'a transfer or withdrawal permission',
  'write-access': 'read-write access',
};

/**
 * What keyaudit can and cannot do with a key of this exchange, for the moment the user picks the key to add:
 * sentences built from the exchange table's abilities, never from a list of exchange names.
 */
export function describeExchangeApi(exchange: ExchangeId): string[] {
  const { name, api, auditKeyNeeds } = exchangeInfo(exchange);
  const listed = [
    ...(api.canListSubAccounts ? ['sub-accounts'] : []),
    ...(api.canListSubAccountKeys ? [api.canListSubAccounts ? 'their keys' : "sub-accounts' keys"] : []),
    ...(api.canListOtherMasterKeys ? ["the master account's other keys"] : []),
  ];
  const sentences = [
    listed.length > 0 ? `${name}'s API lists ${joinWords(listed)}.` : `${name}'s API shows only the key you add here.`,
  ];
  if (!api.canListOtherMasterKeys) sentences.push("It cannot see the master account's other keys.");
  if (!api.canListSubAccountKeys) sentences.push("It cannot see sub-accounts' keys.");
  sentences.push(auditKeyNeeds.why);

  // An exchange whose API deletes no key at all (Kraken, Coinbase) gets one sentence, not two about kinds of key it may not have.
  if (api.revokeSubKeys === 'website-only' && api.revokeMasterKeys === 'none') {
    sentences.push(`${name}'s API deletes no key: keyaudit links to ${name}'s website to revoke one.`);
  } else {
    if (api.revokeSubKeys === 'website-only') {
      sentences.push(`Sub-account keys can be revoked only on ${name}'s website.`);
    } else {
      const passphrase = api.revokeSubKeys === 'api-needs-key-passphrase' ? ", with each key's own API passphrase" : '';
      sentences.push(`keyaudit can revoke sub-account keys${passphrase}.`);
      if (api.revokeSubKeysNeeds.length > 0) {
        const needs = joinWords(api.revokeSubKeysNeeds.map((need) => NEED_PHRASES[need]));
        sentences.push(`For that, ${name} requires this key to have ${needs}${auditKeyNeeds.isReadOnly ? '; reading alone needs none of it' : ''}.`);
      }
    }
    const masterKeys: Record<typeof api.revokeMasterKeys, string> = {
      'calling-key-only': `Of the master account's keys, keyaudit can revoke only this one (${name} lets a key delete itself).`,
      'other-keys': `keyaudit can revoke the master account's other keys, not this one.`,
      none: `Master-account keys can be revoked only on ${name}'s website.`,
    };
    sentences.push(masterKeys[api.revokeMasterKeys]);
  }
  const narrowable = [...(api.restrict.subKeys.ips ? ['IP whitelist'] : []), ...(api.restrict.subKeys.permissions ? ['permissions'] : [])];
  sentences.push(narrowable.length > 0 ? `keyaudit can narrow a sub-account key's ${joinWords(narrowable)} instead of revoking it.` : `keyaudit cannot narrow ${name} keys; ${api.restrict.masterKeysWhy ?? ''}`.trim());
  return sentences;
}
