/**
 * When this page last sent the server a request with its session token: every request refreshes the session's idle
 * timer on the server (session-authority.ts), so the session ends `sessionIdleMs` after the last one.
 */
let lastRequestAt = Date.now();

export function noteSessionRequest(at: number = Date.now()): void {
  lastRequestAt = at;
}

export function lastSessionRequestAt(): number {
  return lastRequestAt;
}
