// Gate's permission words against the table in docs/exchanges/gate.md#permissions, which is the list the normalizer
// follows: every documented name maps as documented, the normalizer knows no name the docs do not, and an unknown name
// is taken for the withdrawal group Gate never named.
import { describe, expect, it } from 'vitest';
import { GATE_READ_WRITE_GROUPS, toGateCapabilities } from './gate-permissions.ts';
import { readDocumentedPermissions } from '../../../test/test-support/documented-permissions.ts';

const DOCUMENTED = readDocumentedPermissions('gate', 'name (read-write)');
const documentedWords = DOCUMENTED.flatMap((row) => row.words);

describe(toGateCapabilities.name, () => {
  it.each(DOCUMENTED.flatMap(({ words, capabilities, isUncertain }) => words.map((word) => [word, capabilities, isUncertain] as const)))(
    'maps read-write %s to read and %j (uncertain: %s), as the docs say',
    (word, capabilities, isUncertain) => {
      expect(toGateCapabilities([word])).toEqual([
        { capability: 'read', from: word, isUncertain: false },
        ...capabilities.map((capability) => ({ capability, from: word, isUncertain })),
      ]);
    },
  );

  it.each(documentedWords)('grants only reading for %s:read_only', (word) => {
    expect(toGateCapabilities([`${word}:read_only`])).toEqual([{ capability: 'read', from: `${word}:read_only`, isUncertain: false }]);
  });

  it('knows exactly the documented names, each once', () => {
    expect(new Set(documentedWords).size).toBe(documentedWords.length);
    expect(Object.keys(GATE_READ_WRITE_GROUPS).sort()).toEqual([...documentedWords].sort());
  });

  it.each(['withdraw', 'transfer', 'something_new'])('takes the unknown read-write name %s for an uncertain withdrawal, never for nothing', (word) => {
    expect(toGateCapabilities([word])).toEqual([
      { capability: 'read', from: word, isUncertain: false },
      { capability: 'withdraw', from: word, isUncertain: true },
      { capability: 'transfer-external', from: word, isUncertain: true },
    ]);
  });
});
