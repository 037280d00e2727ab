import { describe, expect, it } from 'vitest';
import { joinWords } from './join-words.ts';

describe(joinWords.name, () => {
  it.each([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a and b'],
    [['a', 'b', 'c'], 'a, b and c'],
  ])('%j → %j', (words, sentence) => {
    expect(joinWords(words)).toBe(sentence);
  });
});
