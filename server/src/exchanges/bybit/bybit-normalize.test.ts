import { describe, expect, it } from 'vitest';
import { exchangeKeySchema } from '@contract/audited-key.ts';
import { canBybitKeyManageKeys, toBybitCapabilities, toBybitPermissionWords } from './bybit-capabilities.ts';
import { parseBybitIpWhitelist, toBybitCallingExchangeKey, toBybitExpiresAt, toBybitIsoDate, toBybitSubExchangeKey,
} from './bybit-normalize.ts';
import { bybitCallingKeySchema, bybitSubApiKeySchema } from './bybit-responses.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';

const NOW_MS = Date.UTC(2026, 10, 1);
const DAY_MS = 86_400_000;

// The docs' example of GET /v5/user/query-api (docs/exchanges/bybit.md#calling-key), trimmed of account fields.
const CALLING_EXAMPLE = bybitCallingKeySchema.parse({
  id: '2208369', note: 'testnet', apiKey: 'XbQ3kPz9fLkM2nR7sT', readOnly: 1, secret: '',
  permissions: {
    ContractTrade: ['Order', 'Position'], Spot: ['SpotTrade'], Wallet: ['AccountTransfer', 'SubMemberTransfer'], Options: [],
    Derivatives: ['DerivativesTrade'], CopyTrading: [], BlockTrade: [], Exchange: ['ExchangeHistory'], NFT: [], Affiliate: [], Earn: ['Earn'],
    FiatP2P: ['FiatP2POrder', 'Advertising'], FiatConvertBroker: ['FiatConvertBrokerOrder'], FiatGlobalPay: [], FiatBitPay: ['FaitPayOrder'],
    BitCard: ['BitCard'], ByXPost: ['ByXPost'],
  },
  ips: ['18.181.170.164', '13.212.45.47', '13.212.45.48'], type: 1, deadlineDay: -2, expiredAt: '1970-01-01T00:00:00Z',
  createdAt: '2025-10-13T03:20:45Z', unified: 0, uta: 1, userID: 1448939, isMaster: true, parentUid: '0',
});

// The docs' example item of GET /v5/user/sub-apikeys (docs/exchanges/bybit.md#sub-account-keys).
const SUB_EXAMPLE = bybitSubApiKeySchema.parse({
  id: '24828209', ips: ['*'], apiKey: 'Lm4Nq8Rt2Vx6Zb0Cd3', note: 'UTA', status: 3, expiredAt: '2023-12-01T02:36:06Z', createdAt: '2023-08-25T06:42:39Z',
  type: 1,
  permissions: {
    ContractTrade: ['Order', 'Position'], Spot: ['SpotTrade'], Wallet: ['AccountTransfer', 'SubMemberTransferList'], Options: ['OptionsTrade'],
    Derivatives: ['DerivativesTrade'], CopyTrading: [], BlockTrade: [], Exchange: ['ExchangeHistory'], NFT: [], Affiliate: [], Earn: [],
  },
  secret: '******', readOnly: false, deadlineDay: 21, flag: 'hmac',
});

const readWrite = { ...CALLING_EXAMPLE, readOnly: 0 };
const SUB_ACCOUNT = { kind: 'sub', name: '100400345' } as const;
const capabilityPairs = (granted: ReturnType<typeof toBybitCapabilities>) => granted.map((grant) => `${grant.capability}<${grant.from}${grant.isUncertain ? '?' : ''}`);

describe(toBybitPermissionWords.name, () => {
  it('writes each word with its group, in Bybit\'s order, leaving out empty groups', () => {
    expect(toBybitPermissionWords({ ContractTrade: ['Order', 'Position'], Options: [], Wallet: ['Withdraw'], NFT: null })).toEqual([
      'ContractTrade:Order', 'ContractTrade:Position', 'Wallet:Withdraw',
    ]);
    expect(toBybitPermissionWords(undefined)).toEqual([]);
  });
});

describe(toBybitCapabilities.name, () => {
  const master = { readOnlyWord: 'readOnly=0', isReadOnly: false, isMaster: true } as const;
  it.each([
    ['ContractTrade:Order', ['trade-futures']],
    ['ContractTrade:Position', ['trade-futures']],
    ['Derivatives:DerivativesTrade', ['trade-futures']],
    ['Spot:SpotTrade', ['trade-spot', 'trade-margin?']],
    ['Options:OptionsTrade', ['trade-options', 'trade-futures']],
    ['Wallet:AccountTransfer', ['transfer-internal', 'manage-subaccounts']],
    ['Wallet:SubMemberTransfer', ['transfer-internal', 'manage-subaccounts']],
    ['Wallet:Withdraw', ['withdraw', 'manage-subaccounts']],
    ['Earn:Earn', ['earn']],
    ['Exchange:ExchangeHistory', ['other']],
    ['FiatP2P:FiatP2POrder', ['transfer-external?']],
    ['FiatBitPay:FaitPayOrder', ['transfer-external?']],
    ['FiatBybitPay:FaitPayOrder', ['transfer-external?']],
    ['BitCard:BitCard', ['transfer-external?']],
    ['BlockTrade:SomeWord', ['trade-futures?']],
    ['CopyTrading:Follow', ['trade-futures?']],
    ['Launchpad:Subscribe', ['other?']],
  ])('maps %s on a read-write master key to %j', (word, expected) => {
    const granted = toBybitCapabilities([word], master);
    expect(granted[0]).toEqual({ capability: 'read', from: 'readOnly=0', isUncertain: false });
    expect(granted.slice(1).map((grant) => `${grant.capability}${grant.isUncertain ? '?' : ''}`)).toEqual(expected);
    expect(granted.slice(1).every((grant) => grant.from === word)).toBe(true);
  });

  it('grants a read-only key nothing but read, whatever its words', () => {
    expect(toBybitCapabilities(['Wallet:Withdraw', 'Spot:SpotTrade'], { readOnlyWord: 'readOnly=1', isReadOnly: true, isMaster: true })).toEqual([
      { capability: 'read', from: 'readOnly=1', isUncertain: false },
    ]);
  });

  it('does not derive sub-account management for a sub-account key', () => {
    const granted = toBybitCapabilities(['Wallet:AccountTransfer'], { readOnlyWord: 'readOnly=0', isReadOnly: false, isMaster: false });
    expect(granted.map((grant) => grant.capability)).toEqual(['read', 'transfer-internal']);
  });

  it('keeps the words but marks every write capability uncertain when the read-only flag has no verified meaning', () => {
    const granted = toBybitCapabilities(['Spot:SpotTrade', 'Wallet:AccountTransfer'], { readOnlyWord: 'readOnly=true', isReadOnly: 'unknown', isMaster: false });
    expect(capabilityPairs(granted)).toEqual(['read<readOnly=true', 'trade-spot<Spot:SpotTrade?', 'trade-margin<Spot:SpotTrade?', 'transfer-internal<Wallet:AccountTransfer?']);
  });
});

describe(canBybitKeyManageKeys.name, () => {
  it.each([
    ['a read-write master key with AccountTransfer', ['Wallet:AccountTransfer'], false, true, true],
    ['a read-write master key with Withdraw', ['Wallet:Withdraw'], false, true, true],
    ['a read-only master key with AccountTransfer', ['Wallet:AccountTransfer'], true, true, false],
    ['a master key that only trades', ['Spot:SpotTrade'], false, true, false],
    ['a read-write sub-account key with SubMemberTransferList', ['Wallet:SubMemberTransferList'], false, false, true],
    ['a sub-account key with Withdraw (which Bybit does not grant)', ['Wallet:Withdraw'], false, false, false],
    ['a key whose read-only flag is unknown', ['Wallet:AccountTransfer'], 'unknown', true, false],
  ] as const)('answers for %s: %s', (_name, words, isReadOnly, isMaster, expected) => {
    expect(canBybitKeyManageKeys(words, { isReadOnly, isMaster })).toBe(expected);
  });
});

describe(parseBybitIpWhitelist.name, () => {
  it.each([
    [['*'], null],
    [[], null],
    [['1.2.3.4', '*'], null],
    [undefined, 'unknown'],
    [null, 'unknown'],
    [['18.181.170.164', '13.212.45.47'], ['18.181.170.164', '13.212.45.47']],
    [['1.2.3.4,5.6.7.8', ' '], ['1.2.3.4', '5.6.7.8']],
  ])('reads %j as %j', (input, expected) => {
    expect(parseBybitIpWhitelist(input)).toEqual(expected);
  });
});

describe(toBybitExpiresAt.name, () => {
  it.each([
    ['an exact expiredAt', { expiredAt: '2023-12-01T02:36:06Z', deadlineDay: 21, status: 3 }, '2023-12-01T02:36:06.000Z'],
    ['the epoch, Bybit\'s "never"', { expiredAt: '1970-01-01T00:00:00Z', deadlineDay: -2 }, null],
    ['a permanent key (status 1)', { expiredAt: '2023-12-01T02:36:06Z', status: 1 }, null],
    ['only deadlineDay', { deadlineDay: 5 }, new Date(NOW_MS + 5 * DAY_MS).toISOString()],
    ['nothing', {}, null],
  ])('reads %s', (_name, raw, expected) => {
    expect(toBybitExpiresAt(raw, NOW_MS)).toBe(expected);
  });

  it('reads impossible dates as unknown', () => {
    expect(toBybitIsoDate('not a date')).toBeNull();
    expect(toBybitIsoDate(undefined)).toBeNull();
  });
});

describe(maskApiKey.name, () => {
  it('keeps the first and last four characters and hides short values completely', () => {
    expect(maskApiKey('XbQ3kPz9fLkM2nR7sT')).toBe('XbQ3…R7sT');
    expect(maskApiKey('12345678')).toBe('…');
  });
});

describe(toBybitCallingExchangeKey.name, () => {
  it('normalizes the documented example: a read-only master key that can only read, masked', () => {
    const key = toBybitCallingExchangeKey(CALLING_EXAMPLE, NOW_MS);
    expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(key).toMatchObject({
      exchange: 'bybit',
      account: { kind: 'master', name: 'master' },
      apiKey: 'XbQ3…R7sT',
      label: 'testnet',
      ipWhitelist: ['18.181.170.164', '13.212.45.47', '13.212.45.48'],
      createdAt: '2025-10-13T03:20:45.000Z',
      expiresAt: null,
      lastUsedAt: null,
      isCallingKey: true,
      isThirdPartyBound: false,
      capabilities: [{ capability: 'read', from: 'readOnly=1', isUncertain: false }],
      revocability: { canRevoke: false, how: 'website-only', manageUrl: 'https://www.bybit.com/app/user/api-management' },
    });
    expect(key.permissions.slice(0, 4)).toEqual(['readOnly=1', 'ContractTrade:Order', 'ContractTrade:Position', 'Spot:SpotTrade']);
    expect(key.revocability).not.toHaveProperty('revokesOwnConnection');
    expect(JSON.stringify(key)).not.toContain('XbQ3kPz9fLkM2nR7sT');
  });

  it('offers to delete a read-write master key with a Wallet permission through its own connection', () => {
    const key = toBybitCallingExchangeKey(readWrite, NOW_MS);
    expect(key.revocability).toMatchObject({ canRevoke: true, how: 'api', revokesOwnConnection: true });
    expect(key.revocability.reason).toMatch(/connection stops working/);
    expect(key.capabilities).toContainEqual({ capability: 'manage-subaccounts', from: 'Wallet:AccountTransfer', isUncertain: false });
  });

  it('reads a sub-account calling key as its sub-account, named by UID, that may delete itself', () => {
    const key = toBybitCallingExchangeKey({ ...readWrite, isMaster: false, userID: '100245904', permissions: { Wallet: ['SubMemberTransferList'] } }, NOW_MS);
    expect(key.account).toEqual({ kind: 'sub', name: '100245904' });
    expect(key.revocability).toMatchObject({ canRevoke: true, how: 'api', revokesOwnConnection: true });
    expect(key.capabilities.map((grant) => grant.capability)).toEqual(['read', 'transfer-internal']);
  });

  it('marks a key connected to a third-party app (type 2)', () => {
    expect(toBybitCallingExchangeKey({ ...CALLING_EXAMPLE, type: 2 }, NOW_MS).isThirdPartyBound).toBe(true);
    expect(toBybitCallingExchangeKey({ ...CALLING_EXAMPLE, type: null }, NOW_MS).isThirdPartyBound).toBeNull();
  });

  it('does not read a missing readOnly flag as read-only', () => {
    const key = toBybitCallingExchangeKey({ ...CALLING_EXAMPLE, readOnly: undefined }, NOW_MS);
    expect(key.permissions[0]).toBe('readOnly=unknown');
    expect(key.capabilities.filter((grant) => grant.capability !== 'read').every((grant) => grant.isUncertain)).toBe(true);
    expect(key.capabilities.some((grant) => grant.capability === 'trade-futures')).toBe(true);
  });
});

describe(toBybitSubExchangeKey.name, () => {
  it('normalizes the documented example item, unmasked, with uncertain write capabilities', () => {
    const key = toBybitSubExchangeKey(SUB_EXAMPLE, { account: SUB_ACCOUNT, canCallerRevoke: true }, NOW_MS);
    expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(key).toMatchObject({
      account: SUB_ACCOUNT,
      apiKey: 'Lm4Nq8Rt2Vx6Zb0Cd3',
      label: 'UTA',
      ipWhitelist: null,
      createdAt: '2023-08-25T06:42:39.000Z',
      expiresAt: '2023-12-01T02:36:06.000Z',
      isCallingKey: false,
      isThirdPartyBound: false,
      revocability: { canRevoke: true, how: 'api' },
    });
    expect(key.permissions[0]).toBe('readOnly=false');
    expect(key.capabilities[0]).toEqual({ capability: 'read', from: 'readOnly=false', isUncertain: false });
    expect(key.capabilities.slice(1).every((grant) => grant.isUncertain)).toBe(true);
    expect(key.capabilities.map((grant) => grant.capability)).toEqual(expect.arrayContaining(['trade-futures', 'trade-spot', 'trade-options', 'transfer-internal']));
    expect(key.capabilities.map((grant) => grant.capability)).not.toContain('manage-subaccounts');
  });

  it('sends the user to the website when the connection\'s key may not delete sub-account keys', () => {
    const key = toBybitSubExchangeKey(SUB_EXAMPLE, { account: SUB_ACCOUNT, canCallerRevoke: false }, NOW_MS);
    expect(key.revocability).toMatchObject({ canRevoke: false, how: 'website-only', manageUrl: 'https://www.bybit.com/app/user/api-management' });
  });
});
