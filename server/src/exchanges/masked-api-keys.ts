import type { ExchangeKey } from '@contract/audited-key.ts';
import { exchangeInfo } from '@contract/exchanges.ts';

/**
 * Whether an apiKey as an exchange listed it cannot name one key: empty, or masked with asterisks. OKX's docs list
 * sub-account keys as "******" (docs/exchanges/okx.md#sub-account-keys) and Gate's main-account keys as "c5dcfbf1f3a7*****"
 * (docs/exchanges/gate.md#main-account-keys); no exchange's real key contains an asterisk. keyaudit's own mask of the
 * connection's key ("abcd…wxyz") is not one of these: it always stands for exactly the key the connection signs with.
 */
export function isNonIdentifyingApiKey(apiKey: string): boolean {
  return apiKey.trim() === '' || apiKey.includes('*');
}

/**
 * Flags the keys of one account's listing whose apiKey does not identify them: masked, empty, or the same as another
 * key's in that listing. Such an apiKey cannot address a delete (revoking "******" would be refused, or worse, reach
 * another key), so a flagged key that looked revocable becomes website-only, with the exchange's API page. Keys that
 * were not revocable anyway keep their own reason, which says more. Pure; keys that identify themselves pass unchanged.
 */
export function markMaskedApiKeys(listing: readonly ExchangeKey[]): ExchangeKey[] {
  const counts = new Map<string, number>();
  for (const key of listing) counts.set(key.apiKey, (counts.get(key.apiKey) ?? 0) + 1);
  return listing.map((key) => {
    const isMasked = isNonIdentifyingApiKey(key.apiKey) || (counts.get(key.apiKey) ?? 0) > 1;
    if (!isMasked) return key;
    if (!key.revocability.canRevoke) return { ...key, isApiKeyMasked: true };
    const { name, manageKeysUrl } = exchangeInfo(key.exchange);
    const how = key.apiKey.trim() === '' ? 'without its API key'
      : isNonIdentifyingApiKey(key.apiKey) ? `only as "${key.apiKey}"`
        : 'with the same API key as another key of this account';
    const reason = `${name} listed this key ${how}, so keyaudit cannot tell it apart from other keys or name it in a request; delete it on ${name}'s API management page.`;
    return { ...key, isApiKeyMasked: true, revocability: { canRevoke: false, how: 'website-only', reason, manageUrl: manageKeysUrl } };
  });
}
