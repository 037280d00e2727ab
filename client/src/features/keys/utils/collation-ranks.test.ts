import { describe, expect, it } from 'vitest';
import { asciiSortKeyFor, rankByCollation } from './collation-ranks.ts';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const PRINTABLE_ASCII = Array.from({ length: 95 }, (_, index) => String.fromCharCode(0x20 + index)).join('');

/** mulberry32: a seeded generator, so a failure reproduces. */
function randomFrom(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomText(random: () => number, alphabet: string, maxLength: number) {
  return Array.from({ length: Math.floor(random() * (maxLength + 1)) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
}

const codeUnitOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe(asciiSortKeyFor.name, () => {
  const sortKey = asciiSortKeyFor(collator)!;

  it('orders printable ASCII exactly as the collator does', () => {
    const random = randomFrom(1);
    // Digits and letters are overrepresented so numeric runs, case pairs and prefixes meet often.
    const alphabets = [PRINTABLE_ASCII, '0123456789aAbB-_ .', '00119zZ'];
    for (let pair = 0; pair < 20_000; pair++) {
      const alphabet = alphabets[pair % alphabets.length]!;
      const a = randomText(random, alphabet, 12);
      const b = randomText(random, alphabet, 12);
      const expected = Math.sign(collator.compare(a, b));
      if (codeUnitOrder(sortKey(a)!, sortKey(b)!) !== expected) expect({ a, b, order: codeUnitOrder(sortKey(a)!, sortKey(b)!) }).toEqual({ a, b, order: expected });
    }
  });

  it('compares digit runs by value, ignoring leading zeros, and ignores case', () => {
    expect(codeUnitOrder(sortKey('key-9')!, sortKey('key-10')!)).toBe(-1);
    expect(sortKey('sub-007')).toBe(sortKey('sub-7'));
    expect(sortKey('Grid Bot')).toBe(sortKey('grid bot'));
  });

  it('declines text outside printable ASCII', () => {
    expect(sortKey('café')).toBeNull();
    expect(sortKey('tab\there')).toBeNull();
    expect(sortKey('9'.repeat(300))).toBeNull();
  });

  it('is not offered for collators that compare case or ignore punctuation', () => {
    expect(asciiSortKeyFor(new Intl.Collator('en', { numeric: true, sensitivity: 'variant' }))).toBeNull();
    expect(asciiSortKeyFor(new Intl.Collator('en', { sensitivity: 'base' }))).toBeNull();
    expect(asciiSortKeyFor(new Intl.Collator('en', { numeric: true, sensitivity: 'base', ignorePunctuation: true }))).toBeNull();
  });
});

describe(rankByCollation.name, () => {
  const ranked = (values: string[]) => Array.from(rankByCollation(values, collator).ranks);

  it('gives dense ranks in collator order, shared by values that compare equal', () => {
    expect(ranked(['key-10', 'Key-9', 'alpha', 'key-9', 'ALPHA', 'key-2'])).toEqual([3, 2, 0, 2, 0, 1]);
    expect(rankByCollation(['b', 'B', 'a'], collator).distinct).toBe(2);
  });

  it('ranks a prefix first and keeps each rank with its value among tens of thousands', () => {
    expect(ranked(['abc', 'a', 'ab', 'AB'])).toEqual([2, 0, 1, 1]);
    const count = 70_000;
    const { ranks, distinct } = rankByCollation(Array.from({ length: count }, (_, index) => `key-${count - 1 - index}`), collator);
    expect(distinct).toBe(count);
    expect(ranks.every((rank, index) => rank === count - 1 - index)).toBe(true);
  });

  it('falls back to the collator when any value is outside printable ASCII', () => {
    // At base sensitivity "é" equals "e", and "Öl" sorts as "ol" (before "olive"), not after "zeta".
    expect(ranked(['zeta', 'Öl', 'cafe', 'café', 'olive'])).toEqual([3, 1, 0, 0, 2]);
  });

  it('agrees with sorting by the collator on random text', () => {
    const random = randomFrom(7);
    for (const alphabet of [PRINTABLE_ASCII, `${PRINTABLE_ASCII}éÉåß`]) {
      const values = Array.from({ length: 500 }, () => randomText(random, alphabet, 6));
      const { ranks } = rankByCollation(values, collator);
      for (let index = 1; index < values.length; index++) {
        const [a, b] = [index - 1, index];
        expect(Math.sign(ranks[a]! - ranks[b]!)).toBe(Math.sign(collator.compare(values[a]!, values[b]!)));
      }
    }
  });
});
