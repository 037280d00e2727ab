/**
 * Every scope word docs/exchanges/deribit.md#permissions lists goes through the normalizer and comes out as the table says;
 * a word added to that table but not to DERIBIT_SCOPE_CAPABILITIES (or the other way round) fails here.
 */
import { describe, expect, it } from 'vitest';
import { asDocumented, readDocumentedPermissions, UNKNOWN_WORDS } from '../documented-permissions.test-support.ts';
import { DERIBIT_SCOPE_CAPABILITIES, toDeribitCapabilities } from './deribit-capabilities.ts';

const documented = readDocumentedPermissions('deribit');
const capabilitiesOf = (word: string) => asDocumented(toDeribitCapabilities([word]));

describe('Deribit scope words, as docs/exchanges/deribit.md#permissions lists them', () => {
  it.each(documented.flatMap(({ words, capabilities }) => words.map((word) => [word, capabilities] as const)))('%s → %j', (word, capabilities) => {
    expect(capabilitiesOf(word)).toEqual(capabilities);
  });

  it('the code maps exactly the documented words: none missing, none undocumented', () => {
    expect(Object.keys(DERIBIT_SCOPE_CAPABILITIES).sort()).toEqual(documented.flatMap((row) => row.words).sort());
  });

  it.each(UNKNOWN_WORDS.map(([word, expected]) => [`${word.toLowerCase()}:read_write`, expected] as const))(
    'an unknown scope %s counts as %s, never as nothing', (word, expected) => {
      expect(capabilitiesOf(word)).toEqual([expected]);
    },
  );

  it('a scope of access none grants nothing, whatever its area', () => {
    expect(toDeribitCapabilities(['wallet:none', 'trade:none', 'custody:none'])).toEqual([]);
  });

  it('features that only narrow a key grant nothing; an unknown feature is judged like an unknown word', () => {
    expect(toDeribitCapabilities([], ['restricted_block_trades', 'block_trade_approval'])).toEqual([]);
    expect(asDocumented(toDeribitCapabilities([], ['instant_withdrawals']))).toEqual(['transfer-external?']);
  });
});
