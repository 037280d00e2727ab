/**
 * Every permission word docs/exchanges/htx.md#permissions lists goes through the normalizer and comes out as the table
 * says; a word added to that table but not to HTX_PERMISSION_CAPABILITIES (or the other way round) fails here.
 */
import { describe, expect, it } from 'vitest';
import { asDocumented, readDocumentedPermissions, UNKNOWN_WORDS } from '../documented-permissions.test-support.ts';
import { HTX_PERMISSION_CAPABILITIES, toHtxCapabilities } from './htx-normalize.ts';

const documented = readDocumentedPermissions('htx');
const capabilitiesOf = (word: string) => asDocumented(toHtxCapabilities([word], { isParent: false }));

describe('HTX permission words, as docs/exchanges/htx.md#permissions lists them', () => {
  it.each(documented.flatMap(({ words, capabilities }) => words.map((word) => [word, capabilities] as const)))('%s → %j', (word, capabilities) => {
    expect(capabilitiesOf(word)).toEqual(capabilities);
  });

  it('the code maps exactly the documented words: none missing, none undocumented', () => {
    expect(Object.keys(HTX_PERMISSION_CAPABILITIES).sort()).toEqual(documented.flatMap((row) => row.words).sort());
  });

  it.each(UNKNOWN_WORDS)('an unknown word %s counts as %s, never as nothing', (word, expected) => {
    expect(capabilitiesOf(word)).toEqual([expected]);
  });

  it('an unknown word that names moving funds counts as moving funds', () => {
    expect(capabilitiesOf('internal-transfer')).toEqual(['transfer-external?']);
  });

  it('does not take an inherited property name for a permission', () => {
    expect(capabilitiesOf('constructor')).toEqual(['other?']);
  });
});

describe('HTX permission words on a parent user\'s key', () => {
  it('trade also manages sub users, since deleting their keys needs exactly Trade', () => {
    expect(asDocumented(toHtxCapabilities(['trade'], { isParent: true }))).toEqual([...capabilitiesOf('trade'), 'manage-subaccounts']);
    expect(asDocumented(toHtxCapabilities(['readOnly', 'withdraw'], { isParent: true }))).toEqual(['read', 'withdraw']);
  });
});
