import { describe, expect, it } from 'vitest';
import { exchangeKeySchema } from '@contract/audited-key.ts';
import {
  parseKucoinIpWhitelist,
  parseKucoinPermissions,
  toKucoinCapabilities,
  toKucoinExchangeKey,
} from './kucoin-normalize.ts';
import { kucoinApiKeySchema, type KucoinApiKey } from './kucoin-responses.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';

// The example of GET /api/v1/user/api-key in KuCoin's OpenAPI spec (docs/exchanges/kucoin.md#calling-key).
const MASTER_EXAMPLE: KucoinApiKey = kucoinApiKeySchema.parse({
  remark: 'account1',
  apiKey: '6705f5c311545b000157d3eb',
  apiVersion: 3,
  permission: 'General,Futures,Spot,Earn,InnerTransfer,Transfer,Margin',
  ipWhitelist: '203.**.154,103.**.34',
  createdAt: 1728443843000,
  uid: 165111215,
  isMaster: true,
});

// The spec's example item of GET /api/v1/sub/api-key (docs/exchanges/kucoin.md#sub-account-keys).
const SUB_EXAMPLE: KucoinApiKey = kucoinApiKeySchema.parse({
  subName: 'apiSdkTest',
  remark: 'sdk_test_integration',
  apiKey: '673eab2a955ebf000195d7e4',
  apiVersion: 3,
  permission: 'General',
  ipWhitelist: '10.**.1',
  createdAt: 1732160298000,
  uid: 215112467,
  isMaster: false,
});

describe(parseKucoinPermissions.name, () => {
  it.each([
    ['General,Spot,Futures', ['General', 'Spot', 'Futures']],
    ['General, Trade', ['General', 'Trade']],
    [' General ,, Spot ', ['General', 'Spot']],
    ['', []],
    [null, []],
    [undefined, []],
  ])('splits %j into %j', (input, expected) => {
    expect(parseKucoinPermissions(input)).toEqual(expected);
  });
});

describe(toKucoinCapabilities.name, () => {
  it.each([
    ['General', 'read', false],
    ['Spot', 'trade-spot', false],
    ['Margin', 'trade-margin', false],
    ['Futures', 'trade-futures', false],
    ['LeadtradeFutures', 'trade-futures', false],
    ['Trade', 'trade-spot', false],
    ['Earn', 'earn', false],
    ['InnerTransfer', 'transfer-internal', true],
    ['FlexTransfers', 'transfer-internal', true],
    ['Withdrawal', 'withdraw', false],
    ['Transfer', 'withdraw', true],
    ['SomethingNew', 'other', true],
  ])('maps %s to %s (uncertain: %s), keeping the raw word', (word, capability, isUncertain) => {
    expect(toKucoinCapabilities([word])).toEqual([{ capability, from: word, isUncertain }]);
  });

  it('maps Unified to spot and futures trading, marked uncertain', () => {
    expect(toKucoinCapabilities(['Unified']).map((granted) => [granted.capability, granted.isUncertain])).toEqual([
      ['trade-spot', true],
      ['trade-futures', true],
    ]);
  });

  it('ignores the case of the word but reports it as KuCoin wrote it', () => {
    expect(toKucoinCapabilities(['SPOT'])).toEqual([{ capability: 'trade-spot', from: 'SPOT', isUncertain: false }]);
  });
});

describe(parseKucoinIpWhitelist.name, () => {
  it.each([
    ['', null],
    ['  ', null],
    [null, null],
    [undefined, null],
    ['127.0.0.1', ['127.0.0.1']],
    ['203.**.154,103.**.34', ['203.**.154', '103.**.34']],
    ['1.2.3.4, 5.6.7.8,', ['1.2.3.4', '5.6.7.8']],
  ])('reads %j as %j', (input, expected) => {
    expect(parseKucoinIpWhitelist(input)).toEqual(expected);
  });
});

describe(maskApiKey.name, () => {
  it('keeps the first and last four characters', () => {
    expect(maskApiKey('6705f5c311545b000157d3eb')).toBe('6705…d3eb');
  });
  it('hides short values completely', () => {
    expect(maskApiKey('12345678')).toBe('…');
  });
});

describe(toKucoinExchangeKey.name, () => {
  it('normalizes the documented master example as the calling key, with the apiKey masked', () => {
    const key = toKucoinExchangeKey(MASTER_EXAMPLE, { isCallingKey: true });
    expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(key).toMatchObject({
      exchange: 'kucoin',
      account: { kind: 'master', name: 'master' },
      apiKey: '6705…d3eb',
      label: 'account1',
      permissions: ['General', 'Futures', 'Spot', 'Earn', 'InnerTransfer', 'Transfer', 'Margin'],
      ipWhitelist: ['203.**.154', '103.**.34'],
      createdAt: '2024-10-09T03:17:23.000Z',
      expiresAt: null,
      lastUsedAt: null,
      isThirdPartyBound: null,
      isCallingKey: true,
      revocability: {
        canRevoke: false,
        how: 'website-only',
        reason: "KuCoin's API cannot delete master-account keys; delete it on KuCoin's API management page.",
        manageUrl: 'https://www.kucoin.com/account/api',
      },
    });
    expect(JSON.stringify(key)).not.toContain('6705f5c311545b000157d3eb');
  });

  it('normalizes a listed sub-account key as revocable with its own passphrase', () => {
    const key = toKucoinExchangeKey(SUB_EXAMPLE, { isCallingKey: false });
    expect(key).toMatchObject({
      account: { kind: 'sub', name: 'apiSdkTest' },
      apiKey: '673eab2a955ebf000195d7e4',
      capabilities: [{ capability: 'read', from: 'General', isUncertain: false }],
      ipWhitelist: ['10.**.1'],
      isCallingKey: false,
      revocability: {
        canRevoke: true,
        how: 'api-needs-key-passphrase',
        reason: "KuCoin deletes a sub-account key only with that key's own API passphrase.",
      },
    });
  });

  it('uses the account it was listed under when the item has no subName', () => {
    const { subName: _omitted, ...withoutSubName } = SUB_EXAMPLE;
    const key = toKucoinExchangeKey(withoutSubName, { isCallingKey: false, account: { kind: 'sub', name: 'grid bot 2' } });
    expect(key.account).toEqual({ kind: 'sub', name: 'grid bot 2' });
  });

  it('does not offer to revoke a sub-account key that is the connection itself', () => {
    const key = toKucoinExchangeKey(SUB_EXAMPLE, { isCallingKey: true });
    expect(key.revocability).toMatchObject({ canRevoke: false, how: 'website-only' });
    expect(key.apiKey).toBe('673e…d7e4');
  });

  it('reads an empty whitelist as "any IP" and missing optional fields as empty', () => {
    const key = toKucoinExchangeKey(kucoinApiKeySchema.parse({ apiKey: 'abcdefghijkl', isMaster: false, subName: 's', ipWhitelist: '' }), {
      isCallingKey: false,
    });
    expect(key).toMatchObject({ ipWhitelist: null, label: '', permissions: [], capabilities: [], createdAt: null });
    expect(exchangeKeySchema.safeParse(key).success).toBe(true);
  });

  it('reports an impossible createdAt as unknown rather than failing', () => {
    const key = toKucoinExchangeKey({ ...SUB_EXAMPLE, createdAt: 9e18 }, { isCallingKey: false });
    expect(key.createdAt).toBeNull();
  });
});
