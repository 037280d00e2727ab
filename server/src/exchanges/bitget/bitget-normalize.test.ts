import { describe, expect, it } from 'vitest';
import { exchangeKeySchema } from '@contract/audited-key.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { toBitgetCallingExchangeKey, toBitgetIpWhitelist, toBitgetSubAccountExchangeKey } from './bitget-normalize.ts';
import { bitgetAccountInfoSchema, bitgetVirtualSubAccountApiKeyListSchema } from './bitget-responses.ts';

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

  it("reads a sub-account key's ipList: a list, an empty list as any IP, and a comma-separated string inside it", () => {
    expect(toBitgetIpWhitelist(['127.0.0.1'])).toEqual(['127.0.0.1']);
    expect(toBitgetIpWhitelist([])).toBeNull();
    expect(toBitgetIpWhitelist(['1.2.3.4,5.6.7.8', ' '])).toEqual(['1.2.3.4', '5.6.7.8']);
  });
});

// The docs' example answer of GET /api/v2/user/virtual-subaccount-apikey-list (docs/exchanges/bitget.md#sub-account-keys).
describe(toBitgetSubAccountExchangeKey.name, () => {
  it("keeps the example's label, words and IP list, in the sub-account it was listed for, revocable on the website only", () => {
    const [raw] = bitgetVirtualSubAccountApiKeyListSchema.parse([
      { subAccountUid: '1', label: '1682396356594', subAccountApiKey: 'xx_xxx', permList: ['spot_trade', 'margin_trade', 'contract_trade'], ipList: ['127.0.0.1'] },
    ]);
    const key = toBitgetSubAccountExchangeKey(raw!, { kind: 'sub', name: '1' });
    expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(key).toMatchObject({
      account: { kind: 'sub', name: '1' }, apiKey: 'xx_xxx', label: '1682396356594', ipWhitelist: ['127.0.0.1'], isCallingKey: false,
      revocability: { canRevoke: false, how: 'website-only', manageUrl: exchangeInfo('bitget').manageKeysUrl },
    });
    expect(key.capabilities.map((grant) => grant.capability)).toEqual(['trade-spot', 'trade-margin', 'trade-futures']);
  });

  it('refuses a key listed without its permissions rather than showing it with none', () => {
    expect(bitgetVirtualSubAccountApiKeyListSchema.safeParse([{ subAccountApiKey: 'xx_xxx', ipList: [] }]).success).toBe(false);
  });
});
