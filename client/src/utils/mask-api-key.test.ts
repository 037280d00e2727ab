import { describe, expect, it } from 'vitest';
import { maskApiKey } from './mask-api-key.ts';

describe(maskApiKey.name, () => {
  it('keeps the first and last four characters', () => {
    expect(maskApiKey('6601a2b3c4d5e6f7a8b9c0d1')).toBe('6601…c0d1');
  });
  it('leaves a key the server already masked unchanged', () => {
    expect(maskApiKey('6601…c0d1')).toBe('6601…c0d1');
  });
  it('shows only the last two characters of a very short key', () => {
    expect(maskApiKey('abcdef')).toBe('…ef');
  });
});
