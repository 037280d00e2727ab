/**
 * Every permission word docs/exchanges/okx.md#permissions lists goes through the normalizer and comes out as the table
 * says; a word added to that table but not to OKX_PERMISSION_CAPABILITIES (or the other way round) fails here.
 */
import { describe, expect, it } from 'vitest';
import { asDocumented, readDocumentedPermissions, UNKNOWN_WORDS } from '../documented-permissions.test-support.ts';
import { OKX_PERMISSION_CAPABILITIES, toOkxCapabilities } from './okx-normalize.ts';

const documented = readDocumentedPermissions('okx');
const capabilitiesOf = (word: string) => asDocumented(toOkxCapabilities([word], { isMasterIpBound: false }));

describe('OKX permission words, as docs/exchanges/okx.md#permissions lists them', () => {
  it.each(documented.flatMap(({ words, capabilities }) => words.map((word) => [word, capabilities] as const)))('%s → %j', (word, capabilities) => {
    expect(capabilitiesOf(word)).toEqual(capabilities);
  });

  it('the code maps exactly the documented words: none missing, none undocumented', () => {
    const words = documented.flatMap((row) => row.words.map((word) => word.toLowerCase()));
    expect(Object.keys(OKX_PERMISSION_CAPABILITIES).sort()).toEqual([...words].sort());
  });

  it.each(UNKNOWN_WORDS)('an unknown word %s counts as %s, never as nothing', (word, expected) => {
    expect(capabilitiesOf(word)).toEqual([expected]);
  });
});
