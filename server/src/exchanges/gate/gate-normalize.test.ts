import { describe, expect, it } from 'vitest';
import { exchangeKeySchema } from '@contract/audited-key.ts';
import {
  GATE_MASTER_ACCOUNT,
  isSameGateKey,
  toGateCallingKeyFromDetail,
  toGateExchangeKey,
  toGateIpWhitelist,
  toGateIsoDate,
  toGateSubAccountRef,
} from './gate-normalize.ts';
import { toGateCapabilities, toGatePermissionWords } from './gate-permissions.ts';
import { gateAccountDetailSchema, gateApiKeyListSchema, gateSubAccountSchema } from './gate-responses.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';

// The docs' examples, verbatim (docs/exchanges/gate.md: main_keys, sub-account keys, account/detail).
const [MAIN_KEY_EXAMPLE] = gateApiKeyListSchema.parse([
  {
    state: 1, mode: 1, name: 'test1', user_id: 1,
    perms: [{ name: 'account', read_only: false }, { name: 'spot', read_only: false }],
    ip_whitelist: [], currency_pairs: ['BTC_USD', 'ETH_USD'], key: 'c5dcfbf1f3a7*****',
    created_at: 1753030929, update_at: 1756300567, last_access: 1753030929,
  },
]);
const [SUB_KEY_EXAMPLE] = gateApiKeyListSchema.parse([
  {
    state: 1, name: 'spot', user_id: 1000000,
    perms: [
      { name: 'futures', read_only: false }, { name: 'wallet', read_only: false }, { name: 'delivery', read_only: false },
      { name: 'options', read_only: false }, { name: 'spot', read_only: false },
    ],
    mode: 1, ip_whitelist: ['127.0.0.1', '127.0.0.2'], key: '75c3264105b74693d8cb5c7f1a8e2420',
    created_at: 1663642892, last_access: 1663642892, update_at: 1663642892,
  },
]);
const DETAIL_EXAMPLE = gateAccountDetailSchema.parse({
  user_id: 1667201533, ip_whitelist: ['127.0.0.1'], currency_pairs: ['USDT_BTC'], key: { mode: 1 }, tier: 2, copy_trading_role: 1,
});
const SUB = { kind: 'sub', name: 'sub_account_for_trades' } as const;

describe(toGatePermissionWords.name, () => {
  it('keeps the name and marks read-only perms', () => {
    expect(toGatePermissionWords([{ name: 'spot', read_only: false }, { name: 'wallet', read_only: true }, { name: 'futures' }])).toEqual([
      'spot',
      'wallet:read_only',
      'futures',
    ]);
    expect(toGatePermissionWords(null)).toEqual([]);
  });
});

describe(toGateCapabilities.name, () => {
  // Each documented word, and an unknown one, is checked against docs/exchanges/gate.md#permissions in gate-permissions.test.ts.
  it('grants only reading for a read-only perm, whatever its name', () => {
    expect(toGateCapabilities(['wallet:read_only', 'account:read_only'])).toEqual([
      { capability: 'read', from: 'wallet:read_only', isUncertain: false },
      { capability: 'read', from: 'account:read_only', isUncertain: false },
    ]);
  });

  it('keeps the word every capability came from', () => {
    expect(toGateCapabilities(['spot', 'wallet']).every((grant) => ['spot', 'wallet'].includes(grant.from))).toBe(true);
  });
});

describe(toGateIpWhitelist.name, () => {
  it.each([
    [[], null],
    [['  '], null],
    [['127.0.0.1', '127.0.0.2'], ['127.0.0.1', '127.0.0.2']],
    [null, 'unknown'],
    [undefined, 'unknown'],
  ])('reads %j as %j', (input, expected) => {
    expect(toGateIpWhitelist(input)).toEqual(expected);
  });
});

describe(isSameGateKey.name, () => {
  const apiKey = 'c5dcfbf1f3a7e2d4c6b8a0f1e3d5c7b9';
  it.each([
    ['c5dcfbf1f3a7*****', true],
    ['c5dcfbf1****c7b9', true],
    [apiKey, true],
    ['c5dcfbf1f3a8*****', false],
    ['c5dc*****', false],
    ['*****', false],
    ['', false],
    [{ mode: 1 }, false],
  ])('compares %j with the full key: %s', (reported, expected) => {
    expect(isSameGateKey(reported, apiKey)).toBe(expected);
  });
});

describe(toGateIsoDate.name, () => {
  it.each([
    [1753030929, '2025-07-20T17:02:09.000Z'],
    ['1753030929', '2025-07-20T17:02:09.000Z'],
    ['1596531048.285', '2020-08-04T08:50:48.285Z'],
    [0, null],
    [null, null],
    ['soon', null],
    [9e18, null],
  ])('reads %j as %s', (input, expected) => {
    expect(toGateIsoDate(input)).toBe(expected);
  });
});

describe(toGateSubAccountRef.name, () => {
  it('names a sub-account by login name, or by user id when it has none', () => {
    expect(toGateSubAccountRef(gateSubAccountSchema.parse({ login_name: 'sub_account_for_trades', user_id: 10001 }))).toEqual(SUB);
    expect(toGateSubAccountRef(gateSubAccountSchema.parse({ login_name: '', user_id: 10001 }))).toEqual({ kind: 'sub', name: '10001' });
  });
});

describe(toGateExchangeKey.name, () => {
  it('normalizes the documented main-key example as the calling key, masked, with last_access as lastUsedAt', () => {
    const apiKey = 'c5dcfbf1f3a7e2d4c6b8a0f1e3d5c7b9';
    const key = toGateExchangeKey(MAIN_KEY_EXAMPLE!, { account: GATE_MASTER_ACCOUNT, isCallingKey: true, callingApiKey: apiKey });
    expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(key).toMatchObject({
      exchange: 'gate',
      account: GATE_MASTER_ACCOUNT,
      apiKey: 'c5dc…c7b9',
      label: 'test1',
      permissions: ['account', 'spot'],
      ipWhitelist: null,
      createdAt: '2025-07-20T17:02:09.000Z',
      lastUsedAt: '2025-07-20T17:02:09.000Z',
      expiresAt: null,
      isCallingKey: true,
      revocability: { canRevoke: false, how: 'website-only', manageUrl: 'https://www.gate.com/myaccount/apiv4keys' },
    });
    expect(JSON.stringify(key)).not.toContain(apiKey);
  });

  it("keeps another main key's masked identifier as Gate reported it, not revocable here", () => {
    const key = toGateExchangeKey(MAIN_KEY_EXAMPLE!, { account: GATE_MASTER_ACCOUNT, isCallingKey: false });
    expect(key.apiKey).toBe('c5dcfbf1f3a7*****');
    expect(key.revocability.reason).toBe("Gate's API cannot delete main-account keys; delete it on Gate's API management page.");
  });

  it('normalizes the documented sub-account key as revocable through the API, mentioning the 5-minute delay', () => {
    const key = toGateExchangeKey(SUB_KEY_EXAMPLE!, { account: SUB, isCallingKey: false });
    expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(key).toMatchObject({
      account: SUB,
      apiKey: '75c3264105b74693d8cb5c7f1a8e2420',
      label: 'spot',
      permissions: ['futures', 'wallet', 'delivery', 'options', 'spot'],
      ipWhitelist: ['127.0.0.1', '127.0.0.2'],
      lastUsedAt: '2022-09-20T03:01:32.000Z',
      revocability: { canRevoke: true, how: 'api', reason: expect.stringContaining('up to 5 minutes') },
    });
    expect(key.capabilities).toContainEqual({ capability: 'transfer-internal', from: 'wallet', isUncertain: false });
  });

  it('does not offer to revoke a sub-account key that is the connection itself', () => {
    const key = toGateExchangeKey(SUB_KEY_EXAMPLE!, { account: SUB, isCallingKey: true });
    expect(key).toMatchObject({ apiKey: '75c3…2420', revocability: { canRevoke: false, how: 'website-only' } });
  });

  it('reads never-used keys and missing fields as unknown rather than failing', () => {
    const [raw] = gateApiKeyListSchema.parse([{ key: 'abcdef0123456789', last_access: 0 }]);
    const key = toGateExchangeKey(raw!, { account: SUB, isCallingKey: false });
    expect(key).toMatchObject({ label: '', permissions: [], capabilities: [], ipWhitelist: 'unknown', createdAt: null, lastUsedAt: null });
  });

  it('names a key that Gate sent without a string identifier by its position', () => {
    const [raw] = gateApiKeyListSchema.parse([{ key: { mode: 1 }, name: 'x' }]);
    expect(toGateExchangeKey(raw!, { account: GATE_MASTER_ACCOUNT, isCallingKey: false }, 2).apiKey).toBe('unnamed key 3');
  });
});

describe(toGateCallingKeyFromDetail.name, () => {
  it('reports the whitelist of /account/detail and no permissions, which that endpoint does not list', () => {
    const key = toGateCallingKeyFromDetail('75c3264105b74693d8cb5c7f1a8e2420', DETAIL_EXAMPLE, { kind: 'sub', name: '1667201533' });
    expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(key).toMatchObject({ apiKey: '75c3…2420', ipWhitelist: ['127.0.0.1'], permissions: [], isCallingKey: true });
  });
});

describe(maskApiKey.name, () => {
  it('keeps the first and last four characters and hides short values completely', () => {
    expect(maskApiKey('75c3264105b74693d8cb5c7f1a8e2420')).toBe('75c3…2420');
    expect(maskApiKey('12345678')).toBe('…');
  });
});
