import { describe, expect, it } from 'vitest';
import { maskApiKey } from './mask-api-key.ts';

describe(maskApiKey.name, () => {
  it.each([
    ['6705f5c311545b000157d3eb', '6705…d3eb'],
    ['8f3c2a61-5b7e-4d90-a1c4-6e2b9f0d7a35', '8f3c…7a35'],
    ['abcdefghijkl', 'abcd…ijkl'],
  ])('keeps the first and last four characters of %s', (apiKey, masked) => {
    expect(maskApiKey(apiKey)).toBe(masked);
  });

  it.each(['12345678', 'abcdefghijk', ''])('shows nothing of a key as short as %j', (apiKey) => {
    expect(maskApiKey(apiKey)).toBe('…');
  });

  it('leaves a key that is already masked unchanged', () => {
    expect(maskApiKey('6601…c0d1')).toBe('6601…c0d1');
  });
});
