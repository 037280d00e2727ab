import { describe, expect, it } from 'vitest';
import { inspect, format } from 'node:util';
import { createSecretScope, redact, SecretWipedError } from './redacted.ts';

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

  it('hands its bytes to withBytes and zeroes that copy afterwards', () => {
    let seen: Buffer | null = null;
    const text = redact('KA_CANARY_SECRET_0123456789').withBytes((bytes) => {
      seen = bytes;
      return bytes.toString('utf8');
    });
    expect(text).toBe('KA_CANARY_SECRET_0123456789');
    expect([...seen!].every((byte) => byte === 0)).toBe(true);
  });

  it('can be wiped, after which every use throws and nothing of the value is left to reveal', () => {
    const wiped = redact('KA_CANARY_SECRET_0123456789');
    wiped.wipe();
    expect(wiped.isWiped).toBe(true);
    expect(() => wiped.reveal()).toThrow(SecretWipedError);
    expect(() => wiped.withBytes(() => 1)).toThrow(SecretWipedError);
  });

  it('is wiped with the scope it belongs to', () => {
    const scope = createSecretScope();
    const inScope = redact('first', scope);
    const alsoInScope = redact('second', scope);
    const outside = redact('third');
    scope.wipeAll();
    expect([inScope.isWiped, alsoInScope.isWiped, outside.isWiped]).toEqual([true, true, false]);
    expect(outside.reveal()).toBe('third');
  });
});
