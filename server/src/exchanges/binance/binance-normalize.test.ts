import { describe, expect, it } from 'vitest';
import { exchangeKeySchema } from '@contract/audited-key.ts';
import { toBinanceCallingKey, toBinanceIpWhitelist, toBinanceSubAccountKey, toBinanceThirdPartyBinding } from './binance-normalize.ts';
import {
  binanceApiRestrictionsSchema,
  binanceIpRestrictionSchema,
  binanceSubAccountApiKeyPageSchema,
} from './binance-responses.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';

// The docs' example of GET /sapi/v1/account/apiRestrictions (docs/exchanges/binance.md#calling-key), comments removed.
const DOC_RESTRICTIONS = binanceApiRestrictionsSchema.parse({
  ipRestrict: false,
  createTime: 1698645219000,
  enableReading: true,
  enableWithdrawals: false,
  enableInternalTransfer: false,
  enableMargin: false,
  enableFutures: false,
  permitsUniversalTransfer: false,
  enableVanillaOptions: false,
  enableFixApiTrade: false,
  enableFixReadOnly: true,
  enableSpotAndMarginTrading: false,
  enablePortfolioMarginTrading: true,
});

// The SDK fixture of GET /sapi/v1/sub-account/subAccountApi (docs/exchanges/binance.md#sub-account-keys) and the docs' ipRestriction example.
const DOC_PAGE = binanceSubAccountApiKeyPageSchema.parse({
  total: 1,
  list: [{
    email: '123@test.com', apiName: 'myKey', apikey: 'k5V49ldtn4tszj6W3hystegdfvmGbqDzjmkCtpTvC0G74WhK7yd4rfCTo4lShf',
    canTrade: true, canMarginLoanRepay: false, canFuturesTrade: false, canUniversalTransfer: false, canVanillaOptions: false,
    timestamp: 1640000000000,
  }],
});
const DOC_IP_RESTRICTION = binanceIpRestrictionSchema.parse({
  ipRestrict: 'true', ipList: ['69.210.67.14', '8.34.21.10'], updateTime: 1636371437000, apiKey: 'k5V49ldtn4tszj6W3hystegdfvmGbqDzjmkCtpTvC0G74WhK7yd4rfCTo4lShf',
});
const SUB = { kind: 'sub', name: '123@test.com' } as const;
const CALLER = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';

// Every documented flag, and unknown ones, are checked against docs/exchanges/binance.md#permissions in binance-permissions.test.ts.

describe(toBinanceIpWhitelist.name, () => {
  it.each([
    ['unrestricted', { ipRestrict: 'false', ipList: [] }, null],
    ['unrestricted even with leftover IPs', { ipRestrict: false, ipList: ['1.2.3.4'] }, null],
    ['restricted with a list', { ipRestrict: 'true', ipList: ['69.210.67.14', ' 8.34.21.10 '] }, ['69.210.67.14', '8.34.21.10']],
    ['restricted without a list', { ipRestrict: 'true' }, 'unknown'],
  ])('reads %s', (_name, raw, expected) => {
    expect(toBinanceIpWhitelist(binanceIpRestrictionSchema.parse(raw))).toEqual(expected);
  });

  it("reads a key whose restriction could not be fetched as 'unknown'", () => {
    expect(toBinanceIpWhitelist(null)).toBe('unknown');
  });
});

describe(maskApiKey.name, () => {
  it('keeps the first and last four characters, and hides short values completely', () => {
    expect(maskApiKey(CALLER)).toBe('vmPU…Eh8A');
    expect(maskApiKey('12345678')).toBe('…');
  });
});

describe(toBinanceCallingKey.name, () => {
  it('normalizes the documented example: true flags as permissions, apiKey masked, no restriction means any IP', () => {
    const key = toBinanceCallingKey(DOC_RESTRICTIONS, { apiKey: CALLER, isMasterAccount: true });
    expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(key).toMatchObject({
      exchange: 'binance',
      account: { kind: 'master', name: 'master' },
      apiKey: 'vmPU…Eh8A',
      permissions: ['enableReading', 'enableFixReadOnly', 'enablePortfolioMarginTrading'],
      ipWhitelist: null,
      createdAt: '2023-10-30T05:53:39.000Z',
      expiresAt: null,
      lastUsedAt: null,
      isCallingKey: true,
      isThirdPartyBound: null,
      revocability: { canRevoke: false, how: 'website-only', manageUrl: 'https://www.binance.com/en/my/settings/api-management' },
    });
    expect(JSON.stringify(key)).not.toContain(CALLER);
  });

  it("reports an IP-restricted calling key's whitelist as 'unknown': Binance gives only the flag", () => {
    const key = toBinanceCallingKey({ ...DOC_RESTRICTIONS, ipRestrict: true }, { apiKey: CALLER, isMasterAccount: true });
    expect(key.ipWhitelist).toBe('unknown');
  });

  it('derives sub-account management, marked uncertain, only for a master key that can trade', () => {
    const trading = { ...DOC_RESTRICTIONS, enableSpotAndMarginTrading: true };
    const manage = { capability: 'manage-subaccounts', from: 'enableSpotAndMarginTrading', isUncertain: true };
    expect(toBinanceCallingKey(trading, { apiKey: CALLER, isMasterAccount: true }).capabilities).toContainEqual(manage);
    expect(toBinanceCallingKey(trading, { apiKey: CALLER, isMasterAccount: false }).capabilities).not.toContainEqual(manage);
    expect(toBinanceCallingKey(DOC_RESTRICTIONS, { apiKey: CALLER, isMasterAccount: true }).capabilities).not.toContainEqual(manage);
  });

  it('reads the older tradingAuthorityExpirationTime as expiresAt, and unknown true flags as permissions', () => {
    const raw = binanceApiRestrictionsSchema.parse({ ipRestrict: 'false', tradingAuthorityExpirationTime: 1646085600000, enableSomethingNew: true, enableReading: true });
    const key = toBinanceCallingKey(raw, { apiKey: CALLER, isMasterAccount: false });
    expect(key.expiresAt).toBe('2022-02-28T22:00:00.000Z');
    expect(key.createdAt).toBeNull();
    expect(key.permissions).toEqual(['enableSomethingNew', 'enableReading']);
    expect(key.capabilities[0]).toEqual({ capability: 'trade-spot', from: 'enableSomethingNew', isUncertain: true });
  });

  it("says the whitelist of an IP-restricted calling key is not reported, and nothing for an unrestricted one", () => {
    expect(toBinanceCallingKey({ ...DOC_RESTRICTIONS, ipRestrict: true }, { apiKey: CALLER, isMasterAccount: true }).unreported).toEqual(['ip-whitelist']);
    expect(toBinanceCallingKey(DOC_RESTRICTIONS, { apiKey: CALLER, isMasterAccount: true })).not.toHaveProperty('unreported');
  });

  it('labels the key of a sub-account as a sub-account, never as the master, and derives no sub-account management', () => {
    const trading = { ...DOC_RESTRICTIONS, enableSpotAndMarginTrading: true };
    const key = toBinanceCallingKey(trading, { apiKey: CALLER, isMasterAccount: false, isSubAccount: true });
    expect(key.account).toEqual({ kind: 'sub', name: 'unknown sub-account' });
    expect(key.capabilities.map((grant) => grant.capability)).not.toContain('manage-subaccounts');
  });

  it('keeps an unknown flag sent as the string "true"', () => {
    const raw = binanceApiRestrictionsSchema.parse({ ipRestrict: false, enableReading: true, enableWithdrawalsV2: 'true', enableOther: 'false' });
    expect(toBinanceCallingKey(raw, { apiKey: CALLER, isMasterAccount: true }).permissions).toEqual(['enableReading', 'enableWithdrawalsV2']);
  });

  it('accepts the withdraw flag and maps it to withdraw', () => {
    const key = toBinanceCallingKey({ ...DOC_RESTRICTIONS, enableWithdrawals: true }, { apiKey: CALLER, isMasterAccount: true });
    expect(key.capabilities).toContainEqual({ capability: 'withdraw', from: 'enableWithdrawals', isUncertain: false });
  });
});

describe(toBinanceSubAccountKey.name, () => {
  const [raw] = DOC_PAGE.keys;

  it('normalizes the SDK fixture with its IP restriction, revocable through the API', () => {
    const key = toBinanceSubAccountKey(raw!, { account: SUB, ipRestriction: DOC_IP_RESTRICTION });
    expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(key).toMatchObject({
      account: SUB,
      apiKey: raw!.apikey,
      label: 'myKey',
      permissions: ['canTrade'],
      ipWhitelist: ['69.210.67.14', '8.34.21.10'],
      createdAt: '2021-12-20T11:33:20.000Z',
      isCallingKey: false,
      revocability: { canRevoke: true, how: 'api' },
    });
    expect(key).not.toHaveProperty('observedAt');
  });

  it('says that Binance does not report withdrawal for it, and does not know whether a third party is bound', () => {
    const key = toBinanceSubAccountKey(raw!, { account: SUB, ipRestriction: DOC_IP_RESTRICTION });
    expect(key).toMatchObject({ unreported: ['withdraw'], isThirdPartyBound: null });
  });

  it("adds the whitelist to what is not reported when Binance says 'restricted' without a list", () => {
    const restricted = binanceIpRestrictionSchema.parse({ ipRestrict: 'true', ipList: [] });
    expect(toBinanceSubAccountKey(raw!, { account: SUB, ipRestriction: restricted }).unreported).toEqual(['withdraw', 'ip-whitelist']);
  });

  it('names the preconditions of deletion as the docs state them: KYC IP check, no asset-management sub-accounts', () => {
    const key = toBinanceSubAccountKey(raw!, { account: SUB, ipRestriction: DOC_IP_RESTRICTION });
    expect(key.revocability.reason).toMatch(/KYC IP restriction check/);
    expect(key.revocability.reason).toMatch(/asset-management sub-account/);
    const managed = toBinanceSubAccountKey(raw!, { account: SUB, ipRestriction: DOC_IP_RESTRICTION, isAssetManagementSubAccount: true });
    expect(managed.revocability).toMatchObject({ canRevoke: false, how: 'website-only', reason: expect.stringContaining('asset-management sub-account') });
  });

  it('sets observedAt when the key was served from the cache', () => {
    const key = toBinanceSubAccountKey(raw!, { account: SUB, ipRestriction: DOC_IP_RESTRICTION, observedAtMs: Date.UTC(2026, 10, 1, 12) });
    expect(key.observedAt).toBe('2026-11-01T12:00:00.000Z');
  });

  it('marks a key whose IP restriction could not be read as whitelist unknown, unread, never as any IP', () => {
    const raw = binanceSubAccountApiKeyPageSchema.parse({ total: 1, rows: [{ apikey: 'c'.repeat(64), canTrade: true }] }).keys[0]!;
    const unread = toBinanceSubAccountKey(raw, { account: SUB, ipRestriction: null });
    expect(unread).toMatchObject({ ipWhitelist: 'unknown', unread: ['ip-whitelist'] });
    expect(toBinanceSubAccountKey(raw, { account: SUB, ipRestriction: DOC_IP_RESTRICTION })).not.toHaveProperty('unread');
  });

  it('accepts the newer page shape with rows instead of list', () => {
    const page = binanceSubAccountApiKeyPageSchema.parse({ total: 2, rows: [{ apikey: 'a'.repeat(64) }, { apikey: 'b'.repeat(64), canVanillaOptions: true }] });
    expect(page.keys.map((key) => key.apikey)).toEqual(['a'.repeat(64), 'b'.repeat(64)]);
    expect(toBinanceSubAccountKey(page.keys[1]!, { account: SUB, ipRestriction: null })).toMatchObject({ permissions: ['canVanillaOptions'], label: '', ipWhitelist: 'unknown' });
  });
});

describe(toBinanceThirdPartyBinding.name, () => {
  it.each([
    ['status 3 on the IP restriction', {}, { ipRestrict: 'true', status: '3' }, true],
    ['a third-party name on the IP restriction', {}, { ipRestrict: 'true', thirdPartyName: 'Koinly' }, true],
    ['status 3 on the listed key', { status: 3 }, null, true],
    ['a third-party name on the listed key', { thirdPartyName: '3Commas' }, { ipRestrict: 'false' }, true],
    ['status 2, restricted to trusted IPs', {}, { ipRestrict: 'true', status: '2' }, false],
    ['status 1, unrestricted', { status: 1 }, null, false],
    ['neither field', {}, { ipRestrict: 'true', ipList: ['1.2.3.4'] }, null],
    ['an empty third-party name and no status', { thirdPartyName: '' }, null, null],
  ])('reads %s as %s', (_name, listed, restriction, expected) => {
    const key = binanceSubAccountApiKeyPageSchema.parse({ total: 1, rows: [{ apikey: 'a'.repeat(64), ...listed }] }).keys[0]!;
    expect(toBinanceThirdPartyBinding(key, restriction && binanceIpRestrictionSchema.parse(restriction))).toBe(expected);
  });

  it('marks a third-party-bound key as such on the normalized key', () => {
    const key = binanceSubAccountApiKeyPageSchema.parse({ total: 1, rows: [{ apikey: 'a'.repeat(64) }] }).keys[0]!;
    const restriction = binanceIpRestrictionSchema.parse({ ipRestrict: 'true', ipList: [], status: '3', thirdPartyName: 'Koinly' });
    expect(toBinanceSubAccountKey(key, { account: SUB, ipRestriction: restriction }).isThirdPartyBound).toBe(true);
  });
});
