import { describe, expect, it } from 'vitest';
import type { ExchangeKey } from '@contract/audited-key.ts';
import type { ExchangeAdapter } from './exchange-adapter.ts';
import { withPrintableStrings } from './printable-exchange-strings.ts';

const ESC = '\u001b';
const hostile = (text: string) => `${ESC}[2K${ESC}]0;title\u0007${text}\u202e${'x'.repeat(400)}`;
const key = (overrides: Partial<ExchangeKey>): ExchangeKey => ({
  exchange: 'kucoin', account: { kind: 'sub', name: 'clean-sub' }, apiKey: 'K'.repeat(24), label: 'clean label', permissions: ['General'],
  capabilities: [], ipWhitelist: null, createdAt: null, expiresAt: null, lastUsedAt: null, isCallingKey: false,
  revocability: { canRevoke: true, how: 'api', reason: '', manageUrl: '' }, ...overrides,
});

describe(withPrintableStrings.name, () => {
  const dirty = key({ account: { kind: 'sub', name: hostile('sub') }, label: hostile('label'), permissions: [hostile('Spot')], ipWhitelist: [hostile('1.2.3.4')] });
  const adapter = withPrintableStrings({
    id: 'kucoin',
    fetchCallingKey: async () => dirty,
    fetchSubAccounts: async () => [dirty.account, { kind: 'sub', name: 'clean-sub' }],
    fetchSubAccountKeys: async () => [dirty, key({})],
    fetchOtherMasterKeys: async () => ({ keys: [dirty] }),
    revokeKey: async () => {},
  } satisfies ExchangeAdapter);

  it('caps every exchange string at 200 code points and strips control and bidi characters, in every answer', async () => {
    const keys = [await adapter.fetchCallingKey({} as never), ...(await adapter.fetchSubAccountKeys({} as never, dirty.account)), ...(await adapter.fetchOtherMasterKeys!({} as never)).keys];
    for (const text of [keys[0].label, keys[0].account.name, keys[0].permissions[0], (keys[0].ipWhitelist as string[])[0], keys[2].label, (await adapter.fetchSubAccounts({} as never))[0].name]) {
      expect([...text].length).toBeLessThanOrEqual(200);
      expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
  });

  it('passes clean text and the apiKey through unchanged', async () => {
    const [, clean] = await adapter.fetchSubAccountKeys({} as never, dirty.account);
    expect(clean).toEqual(key({}));
    expect((await adapter.fetchCallingKey({} as never)).apiKey).toBe(dirty.apiKey);
  });
});
