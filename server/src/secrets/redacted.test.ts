import { describe, expect, it } from 'vitest';
import { inspect, format } from 'node:util';
import { redact } from './redacted.ts';

describe('Redacted', () => {
  const secret = redact('KA_CANARY_SECRET_0123456789');

  it('reveals the value only through reveal()', () => {
    expect(secret.reveal()).toBe('KA_CANARY_SECRET_0123456789');
  });

  it.each([
    ['String()', () => String(secret)],
    ['template literal', () => `${secret}`],
    ['JSON.stringify of a holder', () => JSON.stringify({ nested: { secret } })],
    ['util.inspect of a holder', () => inspect({ nested: { secret } }, { depth: 10 })],
    ['util.format %o', () => format('%o', { secret })],
    ['an Error carrying it', () => inspect(Object.assign(new Error('boom'), { secret }))],
  ])('never shows the value through %s', (_name, render) => {
    const text = render();
    expect(text).not.toContain('KA_CANARY');
    expect(text).toContain('[redacted]');
  });
});
