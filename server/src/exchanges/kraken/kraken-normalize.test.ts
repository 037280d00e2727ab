import { describe, expect, it } from 'vitest';
import { exchangeKeySchema } from '@contract/audited-key.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { toKrakenCallingExchangeKey, toKrakenIpWhitelist } from './kraken-normalize.ts';
import { krakenApiKeyInfoSchema } from './kraken-responses.ts';

// An answer of POST /0/private/GetApiKeyInfo with every field of docs/exchanges/kraken.md#calling-key.
const ANSWER = {
  apiKeyName: 'grid-bot', apiKey: 'Q2hlY2tpbmcgdGhlIGNhbGxpbmcga2V5IG9mIGEga3Jha2VuIGFjY291bnQ=', nonce: '0', nonceWindow: 0,
  permissions: ['query-funds', 'modify-trades', 'withdraw-funds'], iban: 'AA00', validUntil: '1798761600', queryFrom: '0', queryTo: '0',
  createdTime: 1761955200, modifiedTime: '1761955200', ipAllowlist: ['203.0.113.7', '198.51.100.0/24'], lastUsed: '1764547200',
};

describe(toKrakenCallingExchangeKey.name, () => {
  it('keeps the words, maps them, and reads the native dates: expiry, creation and last use', () => {
    const key = toKrakenCallingExchangeKey(krakenApiKeyInfoSchema.parse(ANSWER));
    expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(key).toMatchObject({
      exchange: 'kraken', account: { kind: 'master' }, label: 'grid-bot', isCallingKey: true,
      apiKey: 'Q2hl…bnQ=', permissions: ['query-funds', 'modify-trades', 'withdraw-funds'],
      ipWhitelist: ['203.0.113.7', '198.51.100.0/24'],
      createdAt: '2025-11-01T00:00:00.000Z', expiresAt: '2027-01-01T00:00:00.000Z', lastUsedAt: '2025-12-01T00:00:00.000Z',
      revocability: { canRevoke: false, how: 'website-only', manageUrl: exchangeInfo('kraken').manageKeysUrl },
    });
    expect(key.capabilities.map((grant) => `${grant.capability}<${grant.from}`)).toEqual([
      'read<query-funds', 'trade-spot<modify-trades', 'trade-margin<modify-trades', 'withdraw<withdraw-funds',
    ]);
  });

  it('reads "0 if not set" as no expiry and "null if never used" as never used', () => {
    const key = toKrakenCallingExchangeKey(krakenApiKeyInfoSchema.parse({ ...ANSWER, validUntil: 0, lastUsed: null }));
    expect(key.expiresAt).toBeNull();
    expect(key.lastUsedAt).toBeNull();
  });
});

describe(toKrakenIpWhitelist.name, () => {
  it('reads an empty allowlist as any IP and a missing one as unknown, never as any IP', () => {
    expect(toKrakenIpWhitelist([])).toBeNull();
    expect(toKrakenIpWhitelist([' ', ''])).toBeNull();
    expect(toKrakenIpWhitelist(undefined)).toBe('unknown');
    expect(toKrakenIpWhitelist(null)).toBe('unknown');
    expect(toKrakenIpWhitelist(['203.0.113.7 '])).toEqual(['203.0.113.7']);
  });
});
