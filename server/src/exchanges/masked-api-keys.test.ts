import { describe, expect, it } from 'vitest';
import type { ExchangeKey } from '@contract/audited-key.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { EXCHANGE_IDS } from '@contract/exchange-id.ts';
import { exchangeKey, sub } from '../audit/make-test-adapter.ts';
import { isNonIdentifyingApiKey, markMaskedApiKeys } from './masked-api-keys.ts';

const revocable = { canRevoke: true, how: 'api', reason: 'the master key can delete it', manageUrl: 'https://example.test' } as const;
const key = (label: string, apiKey: string, overrides: Partial<ExchangeKey> = {}) =>
  exchangeKey(sub('bots'), label, { apiKey, exchange: 'okx', revocability: revocable, ...overrides });

describe(isNonIdentifyingApiKey.name, () => {
  it.each(['******', '*', '', '   ', 'c5dcfbf1f3a7*****', 'ab**cd'])('cannot name a key: %j', (apiKey) => {
    expect(isNonIdentifyingApiKey(apiKey)).toBe(true);
  });

  it.each(['8f3c2a61-5b7e-4d90-a1c4-6e2b9f0d7a35', '6705f5c311545b000157d3eb', 'opjSlSOzqIeXROT5rq', '66c2…e5f6'])('names a key: %j', (apiKey) => {
    expect(isNonIdentifyingApiKey(apiKey)).toBe(false);
  });
});

describe(markMaskedApiKeys.name, () => {
  it('flags every masked key of OKX\'s documented listing, and makes it website-only with the reason and the API page', () => {
    const marked = markMaskedApiKeys([key('v5', '******'), key('v5.1', '******')]);
    for (const result of marked) {
      expect(result.isApiKeyMasked).toBe(true);
      expect(result.apiKey).toBe('******');
      expect(result.revocability).toMatchObject({ canRevoke: false, how: 'website-only', manageUrl: exchangeInfo('okx').manageKeysUrl });
      expect(result.revocability.reason).toContain('only as "******"');
    }
  });

  it('flags keys that share one apiKey within the listing, and only those', () => {
    const [a, b, c] = markMaskedApiKeys([key('a', 'same-id-0001'), key('b', 'same-id-0001'), key('c', 'unique-id-0002')]);
    expect([a!.isApiKeyMasked, b!.isApiKeyMasked, c!.isApiKeyMasked]).toEqual([true, true, undefined]);
    expect(a!.revocability.reason).toContain('same API key as another key');
    expect(c!.revocability).toEqual(revocable);
  });

  it('flags an empty apiKey', () => {
    expect(markMaskedApiKeys([key('a', '')])[0]!.revocability.reason).toContain('without its API key');
  });

  it('keeps the reason of a key that was not revocable anyway', () => {
    const websiteOnly = { canRevoke: false, how: 'website-only', reason: "Gate's API cannot delete main-account keys.", manageUrl: 'https://example.test' } as const;
    const [result] = markMaskedApiKeys([key('main', 'c5dcfbf1f3a7*****', { exchange: 'gate', revocability: websiteOnly })]);
    expect(result).toMatchObject({ isApiKeyMasked: true, revocability: websiteOnly });
  });

  it.each(EXCHANGE_IDS)('%s: links to that exchange\'s own API page', (exchange) => {
    expect(markMaskedApiKeys([key('k', '******', { exchange })])[0]!.revocability.manageUrl).toBe(exchangeInfo(exchange).manageKeysUrl);
  });

  it('leaves a listing of identifiable keys exactly as it was', () => {
    const listing = [key('a', 'id-1'), key('b', 'id-2')];
    expect(markMaskedApiKeys(listing)).toEqual(listing);
  });
});
