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
