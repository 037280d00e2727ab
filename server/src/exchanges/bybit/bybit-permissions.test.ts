/**
 * Every permission word docs/exchanges/bybit.md#permissions lists goes through the normalizer and comes out as the
 * table says; a word added to that table but not to BYBIT_WORD_CAPABILITIES or BYBIT_GROUP_CAPABILITIES (or the other
 * way round) fails here. "Group:*" rows stand for any word of the group.
 */
import { describe, expect, it } from 'vitest';
import { asDocumented, readDocumentedPermissions, UNKNOWN_WORDS } from '../documented-permissions.test-support.ts';
import { BYBIT_GROUP_CAPABILITIES, BYBIT_WORD_CAPABILITIES, toBybitCapabilities } from './bybit-capabilities.ts';

const documented = readDocumentedPermissions('bybit');
/** A read-write sub-account key: no derived capability, and only the word's own grants after `read`. */
const capabilitiesOf = (word: string) =>
  asDocumented(toBybitCapabilities([word.replace(/:\*$/, ':AnyWord')], { readOnlyWord: 'readOnly=0', isReadOnly: false, isMaster: false }).slice(1));

describe('Bybit permission words, as docs/exchanges/bybit.md#permissions lists them', () => {
  it.each(documented.flatMap(({ words, capabilities }) => words.map((word) => [word, capabilities] as const)))('%s → %j', (word, capabilities) => {
    expect(capabilitiesOf(word)).toEqual(capabilities);
  });

  it('the code maps exactly the documented words and groups: none missing, none undocumented', () => {
    const mapped = [...Object.keys(BYBIT_WORD_CAPABILITIES), ...Object.keys(BYBIT_GROUP_CAPABILITIES).map((group) => `${group}:*`)];
    expect(mapped.sort()).toEqual(documented.flatMap((row) => row.words).sort());
  });

  it.each(UNKNOWN_WORDS.flatMap(([word, expected]) => [[`Launchpad:${word}`, expected], [`${word}:${word}`, expected]]))(
    'an unknown word %s counts as %s, never as nothing', (word, expected) => {
      expect(capabilitiesOf(word)).toEqual([expected]);
    },
  );

  it('an unknown word of the Wallet group counts as moving funds', () => {
    expect(capabilitiesOf('Wallet:CryptoOut')).toEqual(['transfer-external?']);
  });
});
