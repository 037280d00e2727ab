import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readMintedLaunchToken } from '../runtime/minted-launch-token.ts';

const TOKEN_BYTES = 32;
export const LAUNCH_TOKEN_TTL_MS = 10 * 60_000;
/** A session unused this long ends (and with the last one the vault locks); the page is told, to say so when it happens. */
export const SESSION_IDLE_MS = 15 * 60_000;
const SESSION_MAX_AGE_MS = 12 * 60 * 60_000;

export type SessionAuthority = {
  /** A single-use token for the terminal link; valid for 10 minutes. */
  issueLaunchToken(): string;
  /** Trades a launch token for a session token, or null. */
  startSession(launchToken: string): string | null;
  /** True for a live session; refreshes its idle timer. */
  touchSession(sessionToken: string): boolean;
  /** Drops idle and expired sessions; call it on a timer so the vault locks even with no requests. */
  sweep(): void;
  /** Called when the last session idles out, so the vault can lock itself. */
  onAllSessionsIdle(listener: () => void): void;
};

const newToken = () => randomBytes(TOKEN_BYTES).toString('base64url');

/** Constant-time comparison; a length mismatch is compared against itself so timing stays flat. */
function tokenEquals(candidate: string, expected: string): boolean {
  const a = Buffer.from(candidate);
  const b = Buffer.from(expected);
  if (a.length !== b.length) {
    timingSafeEqual(b, b);
    return false;
  }
  return timingSafeEqual(a, b);
}

/**
 * `runtimeSecret`: the secret of the server's runtime file; launch tokens signed with it (`keyaudit open`) are
 * accepted too, each nonce once, for at most the launch-token lifetime.
 */
export function createSessionAuthority({ now, runtimeSecret }: { now: () => number; runtimeSecret?: Buffer }): SessionAuthority {
  const launchTokens: { token: string; expiresAt: number }[] = [];
  const usedNonces = new Map<string, number>();
  const sessions: { token: string; createdAt: number; lastSeenAt: number }[] = [];
  const idleListeners: (() => void)[] = [];

  const pruneSessions = () => {
    const at = now();
    const before = sessions.length;
    for (let i = sessions.length - 1; i >= 0; i--) {
      const session = sessions[i];
      if (at - session.lastSeenAt > SESSION_IDLE_MS || at - session.createdAt > SESSION_MAX_AGE_MS) sessions.splice(i, 1);
    }
    if (before > 0 && sessions.length === 0) idleListeners.forEach((listener) => listener());
  };

  const openSession = () => {
    const token = newToken();
    sessions.push({ token, createdAt: now(), lastSeenAt: now() });
    return token;
  };

  return {
    issueLaunchToken() {
      const token = newToken();
      launchTokens.push({ token, expiresAt: now() + LAUNCH_TOKEN_TTL_MS });
      return token;
    },
    startSession(launchToken) {
      const minted = runtimeSecret ? readMintedLaunchToken(runtimeSecret, launchToken) : null;
      if (minted) {
        const at = now();
        for (const [nonce, expiresAt] of usedNonces) if (expiresAt < at) usedNonces.delete(nonce);
        if (minted.expiresAtMs < at || minted.expiresAtMs > at + LAUNCH_TOKEN_TTL_MS || usedNonces.has(minted.nonce)) return null;
        usedNonces.set(minted.nonce, minted.expiresAtMs);
        return openSession();
      }
      const index = launchTokens.findIndex((entry) => tokenEquals(launchToken, entry.token));
      if (index === -1) return null;
      const [entry] = launchTokens.splice(index, 1);
      if (entry.expiresAt < now()) return null;
      return openSession();
    },
    touchSession(sessionToken) {
      pruneSessions();
      const session = sessions.find((entry) => tokenEquals(sessionToken, entry.token));
      if (!session) return false;
      session.lastSeenAt = now();
      return true;
    },
    sweep: pruneSessions,
    onAllSessionsIdle(listener) {
      idleListeners.push(listener);
    },
  };
}
