/**
 * Every permission word docs/exchanges/bitget.md#permissions lists goes through the normalizer and comes out as the table
 * says; a word added to that table but not to BITGET_AUTHORITY_CAPABILITIES (or the other way round) fails here.
 */
import { describe, expect, it } from 'vitest';
import { asDocumented, readDocumentedPermissions, UNKNOWN_WORDS } from '../documented-permissions.test-support.ts';
import { BITGET_AUTHORITY_CAPABILITIES, toBitgetCapabilities } from './bitget-normalize.ts';

const documented = readDocumentedPermissions('bitget');
const capabilitiesOf = (word: string) => asDocumented(toBitgetCapabilities([word]));

describe('Bitget permission words, as docs/exchanges/bitget.md#permissions lists them', () => {
  it.each(documented.flatMap(({ words, capabilities }) => words.map((word) => [word, capabilities] as const)))('%s → %j', (word, capabilities) => {
    expect(capabilitiesOf(word)).toEqual(capabilities);
  });

  it('the code maps exactly the documented words: none missing, none undocumented', () => {
    expect(Object.keys(BITGET_AUTHORITY_CAPABILITIES).sort()).toEqual(documented.flatMap((row) => row.words).sort());
  });

  it.each(UNKNOWN_WORDS)('an unknown word %s counts as %s, never as nothing', (word, expected) => {
    expect(capabilitiesOf(word)).toEqual([expected]);
  });

  it('an unknown word that names moving funds counts as moving funds', () => {
    expect(capabilitiesOf('transfer_usdt')).toEqual(['transfer-external?']);
  });

  it('does not take an inherited property name for a permission', () => {
    expect(capabilitiesOf('constructor')).toEqual(['other?']);
  });
});
