import { describe, expect, it } from 'vitest';
import { exchangeKeySchema } from '@contract/audited-key.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { toHtxExchangeKey, toHtxExpiresAt, toHtxIpWhitelist } from './htx-normalize.ts';
import { htxApiKeySchema } from './htx-responses.ts';

const NOW_MS = Date.UTC(2026, 11, 5);
const DAY_MS = 86_400_000;
// The docs' example item of GET /v2/user/api-key (docs/exchanges/htx.md#calling-key).
const EXAMPLE = htxApiKeySchema.parse({
  accessKey: '4ba5cdf2-4a92c5da-718ba144-dbuqg6hkte', status: 'normal', note: '62924133', permission: 'readOnly,trade',
  ipAddresses: '1.1.1.1,1.1.1.2', validDays: -1, createTime: 1591348751000, updateTime: 1591348751000,
});
const SUB = { kind: 'sub', name: '132208121' } as const;

describe(toHtxExchangeKey.name, () => {
  it("reads the docs' example as a sub user's key the parent may delete", () => {
    const key = toHtxExchangeKey(EXAMPLE, { account: SUB, isCallingKey: false, canCallerRevoke: true }, NOW_MS);
    expect(exchangeKeySchema.parse(key)).toEqual(key);
    expect(key).toMatchObject({
      exchange: 'htx', account: SUB, apiKey: EXAMPLE.accessKey, label: '62924133', permissions: ['readOnly', 'trade'],
      ipWhitelist: ['1.1.1.1', '1.1.1.2'], createdAt: '2020-06-05T09:19:11.000Z', expiresAt: null, lastUsedAt: null,
      revocability: { canRevoke: true, how: 'api', manageUrl: exchangeInfo('htx').manageKeysUrl },
    });
  });

  it("offers no revoke for the parent's keys, for the connection's own key, or without Trade on the caller", () => {
    expect(toHtxExchangeKey(EXAMPLE, { account: { kind: 'master', name: 'master' }, isCallingKey: false, canCallerRevoke: true }, NOW_MS).revocability.canRevoke).toBe(false);
    expect(toHtxExchangeKey(EXAMPLE, { account: SUB, isCallingKey: true, canCallerRevoke: true }, NOW_MS)).toMatchObject({ revocability: { canRevoke: false }, apiKey: '4ba5…hkte' });
    expect(toHtxExchangeKey(EXAMPLE, { account: SUB, isCallingKey: false, canCallerRevoke: false }, NOW_MS).revocability).toMatchObject({ canRevoke: false, how: 'website-only' });
  });
});

describe(toHtxExpiresAt.name, () => {
  it('reads validDays as days from now, -1 as never, and an expired key as expired now', () => {
    expect(toHtxExpiresAt({ validDays: 30, status: 'normal' }, NOW_MS)).toBe(new Date(NOW_MS + 30 * DAY_MS).toISOString());
    expect(toHtxExpiresAt({ validDays: -1, status: 'normal' }, NOW_MS)).toBeNull();
    expect(toHtxExpiresAt({ validDays: 0, status: 'expired' }, NOW_MS)).toBe(new Date(NOW_MS).toISOString());
  });
});

describe(toHtxIpWhitelist.name, () => {
  it('reads "" as any IP and a missing field as unknown', () => {
    expect(toHtxIpWhitelist('')).toBeNull();
    expect(toHtxIpWhitelist(undefined)).toBe('unknown');
    expect(toHtxIpWhitelist('202.106.96.0/24, 202.106.196.115')).toEqual(['202.106.96.0/24', '202.106.196.115']);
  });
});
