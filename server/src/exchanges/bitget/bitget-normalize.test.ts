import { describe, expect, it } from 'vitest';
import { exchangeKeySchema } from '@contract/audited-key.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { toBitgetCallingExchangeKey, toBitgetIpWhitelist } from './bitget-normalize.ts';
import { bitgetAccountInfoSchema } from './bitget-responses.ts';

// The docs' example answer of GET /api/v2/spot/account/info (docs/exchanges/bitget.md#calling-key).
const EXAMPLE = bitgetAccountInfoSchema.parse({
  userId: '**********', inviterId: '**********', ips: '127.0.0.1', authorities: ['trade', 'readonly'], parentId: 1, traderType: 'trader',
  channelCode: 'XXX', channel: 'YYY', regisTime: '1246566789345',
});

describe(toBitgetCallingExchangeKey.name, () => {
  it("keeps the example's words, maps them, and reads its one IP", () => {
    const key = toBitgetCallingExchangeKey(EXAMPLE, 'bg_0123456789abcdef0123456789abcdef');
    expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(key).toMatchObject({
      exchange: 'bitget', apiKey: 'bg_0…cdef', isCallingKey: true, permissions: ['trade', 'readonly'], ipWhitelist: ['127.0.0.1'],
      createdAt: null, expiresAt: null, lastUsedAt: null,
      revocability: { canRevoke: false, how: 'website-only', manageUrl: exchangeInfo('bitget').manageKeysUrl },
    });
    expect(key.capabilities.map((grant) => `${grant.capability}${grant.isUncertain ? '?' : ''}<${grant.from}`)).toEqual([
      'trade-spot?<trade', 'trade-futures?<trade', 'read<readonly',
    ]);
  });
});

describe(toBitgetIpWhitelist.name, () => {
  it('splits the one string, reads an empty one as any IP and a missing one as unknown', () => {
    expect(toBitgetIpWhitelist('1.2.3.4, 5.6.7.8')).toEqual(['1.2.3.4', '5.6.7.8']);
    expect(toBitgetIpWhitelist('')).toBeNull();
    expect(toBitgetIpWhitelist(undefined)).toBe('unknown');
    expect(toBitgetIpWhitelist(null)).toBe('unknown');
  });
});
