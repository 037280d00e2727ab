/**
 * Every flag docs/exchanges/coinbase.md#permissions lists goes through the normalizer and comes out as the table says;
 * a flag added to that table but not to COINBASE_FLAG_CAPABILITIES (or the other way round) fails here.
 */
import { describe, expect, it } from 'vitest';
import { asDocumented, readDocumentedPermissions } from '../documented-permissions.test-support.ts';
import { COINBASE_FLAG_CAPABILITIES, toCoinbaseCapabilities, toCoinbasePermissionWords } from './coinbase-normalize.ts';

const documented = readDocumentedPermissions('coinbase');

describe('Coinbase key_permissions flags, as docs/exchanges/coinbase.md#permissions lists them', () => {
  it.each(documented.flatMap(({ words, capabilities }) => words.map((word) => [word, capabilities] as const)))('%s → %j', (word, capabilities) => {
    expect(asDocumented(toCoinbaseCapabilities([word]))).toEqual(capabilities);
  });

  it('the code maps exactly the documented flags: none missing, none undocumented', () => {
    expect(Object.keys(COINBASE_FLAG_CAPABILITIES).sort()).toEqual(documented.flatMap((row) => row.words).sort());
  });

  it('a flag is a word only when true; the portfolio type is shown and grants nothing', () => {
    const words = toCoinbasePermissionWords({ can_view: true, can_trade: false, can_transfer: true, can_receive: false, portfolio_type: 'INTX', portfolio_uuid: 'p' });
    expect(words).toEqual(['can_view', 'can_transfer', 'portfolio_type=INTX']);
    expect(asDocumented(toCoinbaseCapabilities(words))).toEqual(['read', 'withdraw', 'transfer-external']);
  });
});
