import { describe, expect, it } from 'vitest';
import { createSessionAuthority } from './session-authority.ts';

const MINUTE = 60_000;

function setup() {
  let nowMs = 1_000_000;
  const authority = createSessionAuthority({ now: () => nowMs });
  return { authority, advance: (ms: number) => void (nowMs += ms) };
}

describe(createSessionAuthority.name, () => {
  it('issues 256-bit launch tokens that work once', () => {
    const { authority } = setup();
    const launch = authority.issueLaunchToken();
    expect(Buffer.from(launch, 'base64url')).toHaveLength(32);
    const session = authority.startSession(launch);
    expect(session).not.toBeNull();
    expect(authority.startSession(launch)).toBeNull();
    expect(authority.touchSession(session!)).toBe(true);
  });

  it('expires launch tokens after 10 minutes', () => {
    const { authority, advance } = setup();
    const launch = authority.issueLaunchToken();
    advance(10 * MINUTE + 1);
    expect(authority.startSession(launch)).toBeNull();
  });

  it('ends a session idle for 15 minutes and tells the vault to lock', () => {
    const { authority, advance } = setup();
    let locked = 0;
    authority.onAllSessionsIdle(() => locked++);
    const session = authority.startSession(authority.issueLaunchToken())!;
    advance(14 * MINUTE);
    expect(authority.touchSession(session)).toBe(true);
    advance(15 * MINUTE + 1);
    authority.sweep();
    expect(locked).toBe(1);
    expect(authority.touchSession(session)).toBe(false);
  });

  it('ends even an active session after 12 hours', () => {
    const { authority, advance } = setup();
    const session = authority.startSession(authority.issueLaunchToken())!;
    for (let hour = 0; hour < 12; hour++) {
      advance(10 * MINUTE);
      authority.touchSession(session);
      advance(50 * MINUTE - 1);
      authority.touchSession(session);
    }
    advance(2 * MINUTE);
    expect(authority.touchSession(session)).toBe(false);
  });

  it('rejects tokens of the wrong length or value', () => {
    const { authority } = setup();
    const session = authority.startSession(authority.issueLaunchToken())!;
    expect(authority.touchSession(session.slice(1))).toBe(false);
    expect(authority.touchSession(session.slice(0, -1) + (session.endsWith('A') ? 'B' : 'A'))).toBe(false);
  });
});

describe('launch tokens minted from the runtime file (keyaudit open)', () => {
  it('accepts each one once, before its expiry, and only under the server\'s own secret', async () => {
    const { randomBytes } = await import('node:crypto');
    const { mintLaunchToken } = await import('../runtime/minted-launch-token.ts');
    let nowMs = 1_000_000;
    const secret = randomBytes(32);
    const authority = createSessionAuthority({ now: () => nowMs, runtimeSecret: secret });
    const token = mintLaunchToken(secret, nowMs + 60_000);
    expect(authority.startSession(token)).toMatch(/^[\w-]{43}$/);
    expect(authority.startSession(token)).toBeNull();
    expect(authority.startSession(mintLaunchToken(randomBytes(32), nowMs + 60_000))).toBeNull();
    expect(authority.startSession(mintLaunchToken(secret, nowMs + 24 * 60 * 60_000))).toBeNull(); // longer-lived than a link may be
    const expiring = mintLaunchToken(secret, nowMs + 60_000);
    nowMs += 61_000;
    expect(authority.startSession(expiring)).toBeNull();
    const tampered = mintLaunchToken(secret, nowMs + 60_000).replace(/\.([0-9a-z]+)\./, (_m, expiry: string) => `.${(parseInt(expiry, 36) + 1).toString(36)}.`);
    expect(authority.startSession(tampered)).toBeNull();
    expect(createSessionAuthority({ now: () => nowMs }).startSession(mintLaunchToken(secret, nowMs + 60_000))).toBeNull();
  });
});
