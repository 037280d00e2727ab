import { describe, expect, it } from 'vitest';
import { headerValue } from './header-value.ts';

describe(headerValue.name, () => {
  it('finds a header whatever case the answer used', () => {
    expect(headerValue({ 'Retry-After': '2' }, 'retry-after')).toBe('2');
    expect(headerValue({ 'x-gate-ratelimit-limit': '150' }, 'x-gate-ratelimit-limit')).toBe('150');
  });

  it('returns undefined for a header that is not there', () => {
    expect(headerValue({ 'retry-after': '2' }, 'gw-ratelimit-reset')).toBeUndefined();
  });
});
