import { describe, expect, it } from 'vitest';
import { exchangeKeySchema } from '@contract/audited-key.ts';
import {
  parseOkxIpWhitelist,
  parseOkxPermissions,
  toOkxCallingKey,
  toOkxCallingKeyFacts,
  toOkxCapabilities,
  toOkxSubAccountKey,
  type OkxCallingKeyFacts,
} from './okx-normalize.ts';
import type { OkxAccountConfig, OkxSubAccountApiKey } from './okx-responses.ts';

const OKX_API_PAGE = 'https://www.okx.com/account/my-api';
const CALLING_API_KEY = '37c541a1-3b8e-4c2a-a6d1-6b7f0e4c8d21';
/** The docs' example answer of GET /api/v5/account/config (docs/exchanges/okx.md#calling-key), trimmed to what we read. */
const DOC_CONFIG: OkxAccountConfig = {
  uid: '44705892343619584',
  mainUid: '44705892343619584',
  perm: 'read_only,withdraw,trade',
  ip: '',
  label: 'v5 test',
  type: '0',
};
const REVOKER: OkxCallingKeyFacts = { isMaster: true, hasTrade: true, isIpBound: true };
const GRIDBOT = { kind: 'sub', name: 'gridbot02' } as const;
const TRADE_CAPABILITIES = ['trade-spot', 'trade-margin', 'trade-futures', 'trade-options', 'transfer-internal'];

describe(toOkxCapabilities.name, () => {
  it.each<[string, boolean, string[]]>([
    ['read_only', false, ['read']],
    ['read', false, ['read']],
    ['trade', false, TRADE_CAPABILITIES],
    ['trade', true, [...TRADE_CAPABILITIES, 'manage-subaccounts']],
    ['withdraw', false, ['withdraw']],
    ['withdraw', true, ['withdraw']],
    ['READ_ONLY', false, ['read']],
  ])('maps %s (IP-bound master: %s) to %o', (word, isMasterIpBound, expected) => {
    const capabilities = toOkxCapabilities([word], { isMasterIpBound });
    expect(capabilities.map((granted) => granted.capability)).toEqual(expected);
    expect(capabilities.every((granted) => granted.from === word && !granted.isUncertain)).toBe(true);
  });

  it('keeps an unknown word visible as an uncertain "other"', () => {
    expect(toOkxCapabilities(['fast_api'], { isMasterIpBound: false })).toEqual([{ capability: 'other', from: 'fast_api', isUncertain: true }]);
  });
});

describe(parseOkxPermissions.name, () => {
  it.each([
    ['read_only,withdraw,trade', ['read_only', 'withdraw', 'trade']],
    ['read_only, trade', ['read_only', 'trade']],
    ['', []],
    [null, []],
  ])('reads %j as %j', (perm, expected) => {
    expect(parseOkxPermissions(perm)).toEqual(expected);
  });
});

describe(parseOkxIpWhitelist.name, () => {
  it.each([
    ['', null],
    [null, null],
    [' , ', null],
    ['1.1.1.1,2.2.2.2', ['1.1.1.1', '2.2.2.2']],
    ['52.29.174.0/24, 2406:da14:1e5:7d00::/56', ['52.29.174.0/24', '2406:da14:1e5:7d00::/56']],
  ])('reads %j as %j', (ip, expected) => {
    expect(parseOkxIpWhitelist(ip)).toEqual(expected);
  });
});

describe(toOkxCallingKeyFacts.name, () => {
  it.each<[string, Partial<OkxAccountConfig>, OkxCallingKeyFacts]>([
    ['the docs example', {}, { isMaster: true, hasTrade: true, isIpBound: false }],
    ['a sub-account key (uid differs from mainUid)', { uid: '3400000000000007413', ip: '1.1.1.1' }, { isMaster: false, hasTrade: true, isIpBound: true }],
    ['a read-only master key', { perm: 'read_only', ip: '1.1.1.1' }, { isMaster: true, hasTrade: false, isIpBound: true }],
    ['a sub key without mainUid, by type', { mainUid: undefined, type: '1' }, { isMaster: false, hasTrade: true, isIpBound: false }],
  ])('reads %s', (_name, override, expected) => {
    expect(toOkxCallingKeyFacts({ ...DOC_CONFIG, ...override })).toEqual(expected);
  });
});

describe(toOkxCallingKey.name, () => {
  it('normalizes the docs example: a master key with withdraw and no IP binding, masked', () => {
    const key = toOkxCallingKey(DOC_CONFIG, CALLING_API_KEY);
    expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(key).toMatchObject({
      exchange: 'okx',
      account: { kind: 'master', name: 'master' },
      apiKey: '37c5…8d21',
      label: 'v5 test',
      permissions: ['read_only', 'withdraw', 'trade'],
      ipWhitelist: null,
      createdAt: null,
      expiresAt: null,
      lastUsedAt: null,
      isCallingKey: true,
      isThirdPartyBound: null,
      revocability: { canRevoke: false, how: 'website-only', manageUrl: OKX_API_PAGE },
    });
    expect(key.capabilities.map((granted) => granted.capability)).toEqual(['read', 'withdraw', ...TRADE_CAPABILITIES]);
    expect(JSON.stringify(key)).not.toContain(CALLING_API_KEY);
  });

  it('grants manage-subaccounts to an IP-bound master key with trade', () => {
    const key = toOkxCallingKey({ ...DOC_CONFIG, ip: '127.0.0.1' }, CALLING_API_KEY);
    expect(key.capabilities).toContainEqual({ capability: 'manage-subaccounts', from: 'trade', isUncertain: false });
    expect(key.ipWhitelist).toEqual(['127.0.0.1']);
  });

  it('names a sub-account calling key by its uid and says why it cannot be revoked from here', () => {
    const key = toOkxCallingKey({ ...DOC_CONFIG, uid: '3400000000000007413', perm: 'read_only', ip: '1.1.1.1' }, CALLING_API_KEY);
    expect(key.account).toEqual({ kind: 'sub', name: '3400000000000007413' });
    expect(key.revocability).toMatchObject({ canRevoke: false, how: 'website-only', reason: expect.stringMatching(/master-account key/) });
  });
});

describe(toOkxSubAccountKey.name, () => {
  /** The first item of the docs' example answer (docs/exchanges/okx.md#sub-account-keys). */
  const DOC_KEY: OkxSubAccountApiKey = { label: 'v5', apiKey: '******', perm: 'read_only,trade', ip: '1.1.1.1,2.2.2.2', ts: '1597026383085' };

  it('normalizes the docs example, with its creation time', () => {
    const key = toOkxSubAccountKey(DOC_KEY, GRIDBOT, REVOKER);
    expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(key).toMatchObject({
      account: GRIDBOT,
      apiKey: '******',
      label: 'v5',
      permissions: ['read_only', 'trade'],
      ipWhitelist: ['1.1.1.1', '2.2.2.2'],
      createdAt: '2020-08-10T02:26:23.085Z',
      isCallingKey: false,
      revocability: { canRevoke: true, how: 'api' },
    });
    expect(key.capabilities.map((granted) => granted.capability)).not.toContain('manage-subaccounts');
  });

  it.each<[string, OkxCallingKeyFacts, RegExp]>([
    ['without trade', { ...REVOKER, hasTrade: false }, /Trade permission/],
    ['bound to no IP', { ...REVOKER, isIpBound: false }, /bound to IP addresses/],
    ['of a sub-account', { ...REVOKER, isMaster: false }, /master-account key/],
  ])('sends the user to the website when the calling key is %s', (_name, revoker, reason) => {
    expect(toOkxSubAccountKey(DOC_KEY, GRIDBOT, revoker).revocability).toEqual({
      canRevoke: false,
      how: 'website-only',
      reason: expect.stringMatching(reason),
      manageUrl: OKX_API_PAGE,
    });
  });

  it.each([
    [{ ts: null }, null],
    [{ ts: '0' }, null],
    [{ ts: 'soon' }, null],
    [{ label: null, perm: null, ip: null }, null],
  ])('tolerates missing or odd fields %o', (override, createdAt) => {
    const key = toOkxSubAccountKey({ ...DOC_KEY, ...override }, GRIDBOT, REVOKER);
    expect(exchangeKeySchema.parse(key)).toEqual(key);
    if ('ts' in override) expect(key.createdAt).toBe(createdAt);
  });
});
