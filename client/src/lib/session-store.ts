/**
 * Where the session token lives: sessionStorage, which is scoped to this exact origin (and so this port)
 * and dies with the tab. No cookies, by design (docs/security-model.md#no-cookies).
 */
const STORAGE_KEY = 'keyaudit.session';

/** Why the page has no usable session. */
export type SignedOutReason = 'no-link' | 'link-rejected' | 'expired' | 'idle' | 'unreachable';

export type SessionState =
  | { status: 'starting' }
  | { status: 'active' }
  | { status: 'signed-out'; reason: SignedOutReason };

let state: SessionState = { status: 'starting' };
const listeners = new Set<() => void>();

export function readSessionToken(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function saveSessionToken(token: string): void {
  sessionStorage.setItem(STORAGE_KEY, token);
  setSessionState({ status: 'active' });
}

/** Forgets the token; the page then asks for a fresh link from the terminal. */
export function endSession(reason: SignedOutReason): void {
  sessionStorage.removeItem(STORAGE_KEY);
  setSessionState({ status: 'signed-out', reason });
}

export function setSessionState(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

export function getSessionState(): SessionState {
  return state;
}

export function subscribeToSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
