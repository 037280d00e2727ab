/**
 * Ranks strings in an Intl.Collator's order once, so a table can re-sort by comparing integers.
 *
 * `collator.compare` is slow: sorting 50,000 distinct API keys with it takes about 200 ms. For the
 * common case (printable ASCII only) the ranks come instead from a sort key whose code-unit order
 * equals the collator's, sorted by the engine's native string sort, in about half that time. The key
 * is derived from the collator itself, character by character, so it follows the browser's own data.
 */

/** Dense ranks in collator order: values that compare equal (`Bot` and `bot` at base sensitivity) share a rank. */
export type CollationRanks = { ranks: Int32Array; distinct: number };

export function rankByCollation(values: readonly string[], collator: Intl.Collator): CollationRanks {
  const uniqueIndex = new Map<string, number>();
  const unique: string[] = [];
  const valueToUnique = new Int32Array(values.length);
  values.forEach((value, index) => {
    let at = uniqueIndex.get(value);
    if (at === undefined) uniqueIndex.set(value, (at = unique.push(value) - 1));
    valueToUnique[index] = at;
  });

  const uniqueRank = rankUnique(unique, collator);
  let distinct = 0;
  for (const rank of uniqueRank) distinct = Math.max(distinct, rank + 1);
  return { ranks: valueToUnique.map((at) => uniqueRank[at]!), distinct };
}

/** Dense ranks of distinct strings. */
function rankUnique(unique: readonly string[], collator: Intl.Collator): Int32Array {
  const uniqueRank = new Int32Array(unique.length);
  const appendKey = asciiSortKeyUnitsFor(collator);
  const tagged: string[] = [];
  const units: number[] = [];
  for (let at = 0; appendKey && at < unique.length; at++) {
    units.length = 0;
    if (!appendKey(unique[at]!, units)) break;
    // The key, then a separator below every key unit and the index, so the engine's native sort
    // (no comparator) orders them and the index can be read back; a key that is a prefix still sorts first.
    units.push(0, (at >>> 16) & 0xff, (at >>> 8) & 0xff, at & 0xff);
    tagged.push(String.fromCharCode.apply(null, units));
  }
  if (tagged.length === unique.length) {
    tagged.sort();
    let rank = -1;
    let previous = '';
    for (const [position, entry] of tagged.entries()) {
      const length = entry.length;
      const key = entry.slice(0, length - 3);
      if (position === 0 || key !== previous) rank += 1;
      previous = key;
      uniqueRank[(entry.charCodeAt(length - 3) << 16) | (entry.charCodeAt(length - 2) << 8) | entry.charCodeAt(length - 1)] = rank;
    }
    return uniqueRank;
  }
  const order = unique.map((_, at) => at).sort((a, b) => collator.compare(unique[a]!, unique[b]!));
  let rank = -1;
  order.forEach((at, position) => {
    if (position === 0 || collator.compare(unique[order[position - 1]!]!, unique[at]!) !== 0) rank += 1;
    uniqueRank[at] = rank;
  });
  return uniqueRank;
}

/** Appends the key's code units to `units`; false when the text has none (not printable ASCII). */
type AppendSortKey = (text: string, units: number[]) => boolean;
const sortKeys = new WeakMap<Intl.Collator, AppendSortKey | null>();

/**
 * A function mapping printable-ASCII text to a string whose code-unit order is the collator's order
 * (null for any other text), or null when the collator's options make that impossible.
 *
 * It holds for numeric collation at base sensitivity with punctuation kept, where the Unicode
 * Collation Algorithm compares ASCII text by one primary weight per character, and each run of digits
 * by its numeric value (leading zeros ignored). Other options compare case or accents on a second pass
 * over the whole string, which a per-character key cannot express.
 */
export function asciiSortKeyFor(collator: Intl.Collator): ((text: string) => string | null) | null {
  const appendKey = asciiSortKeyUnitsFor(collator);
  if (!appendKey) return null;
  return (text) => {
    const units: number[] = [];
    return appendKey(text, units) ? String.fromCharCode.apply(null, units) : null;
  };
}

function asciiSortKeyUnitsFor(collator: Intl.Collator): AppendSortKey | null {
  let appendKey = sortKeys.get(collator);
  if (appendKey === undefined) sortKeys.set(collator, (appendKey = buildAsciiSortKey(collator)));
  return appendKey;
}

const FIRST_PRINTABLE = 0x20;
const LAST_PRINTABLE = 0x7e;
const ZERO = 0x30;
// The key's code units, all in one byte so the engine keeps keys as compact one-byte strings:
// characters weighted below digits, then digit-run lengths, then digits, then characters above digits.
const BELOW_DIGITS = 0x01;
const RUN_LENGTH = 0x40;
const DIGIT = 0x70;
const ABOVE_DIGITS = 0x80;
/** Longer digit runs fall back to the collator. */
const MAX_DIGIT_RUN = DIGIT - RUN_LENGTH - 1;
/** Longer text falls back to the collator (and keeps the key within String.fromCharCode's argument limit). */
const MAX_KEYED_LENGTH = 4096;

function buildAsciiSortKey(collator: Intl.Collator): AppendSortKey | null {
  const options = collator.resolvedOptions();
  if (!options.numeric || options.sensitivity !== 'base' || options.ignorePunctuation) return null;

  const characters: string[] = [];
  for (let code = FIRST_PRINTABLE; code <= LAST_PRINTABLE; code++) {
    if (!isDigit(code)) characters.push(String.fromCharCode(code));
  }
  characters.sort(collator.compare);
  const unitByCode = new Uint8Array(LAST_PRINTABLE + 1);
  let weight = 0;
  for (const [index, character] of characters.entries()) {
    if (index > 0 && collator.compare(characters[index - 1]!, character) !== 0) weight += 1;
    const isBelowDigits = collator.compare(character, '0') < 0;
    const unit = (isBelowDigits ? BELOW_DIGITS : ABOVE_DIGITS) + weight;
    // More weights than the bands hold (ASCII has far fewer): no key, the collator decides.
    if (isBelowDigits ? unit >= RUN_LENGTH : unit > 0xff) return null;
    unitByCode[character.charCodeAt(0)] = unit;
  }

  return (text, units) => {
    if (text.length > MAX_KEYED_LENGTH) return false;
    for (let at = 0; at < text.length; ) {
      const code = text.charCodeAt(at);
      if (code < FIRST_PRINTABLE || code > LAST_PRINTABLE) return false;
      if (!isDigit(code)) {
        units.push(unitByCode[code]!);
        at += 1;
        continue;
      }
      let end = at;
      while (end < text.length && isDigit(text.charCodeAt(end))) end += 1;
      // Leading zeros do not count: "007" and "7" collate equal.
      let start = at;
      while (start < end - 1 && text.charCodeAt(start) === ZERO) start += 1;
      if (end - start > MAX_DIGIT_RUN) return false;
      units.push(RUN_LENGTH + (end - start));
      for (let digit = start; digit < end; digit++) units.push(DIGIT + text.charCodeAt(digit) - ZERO);
      at = end;
    }
    return true;
  };
}

function isDigit(code: number): boolean {
  return code >= ZERO && code <= 0x39;
}
