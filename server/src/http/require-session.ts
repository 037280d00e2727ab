import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { AttemptLimiter } from './attempt-limiter.ts';
import type { SessionAuthority } from './session-authority.ts';
import { TooManyAttemptsError, unauthorized } from './api-error.ts';

/**
 * Bearer session token on every API call. No cookies are ever read or set. A valid session is never refused, even
 * while bad tokens are locked out: noise from another local process must not lock the user out (docs/security-model.md#lock-out).
 */
export function requireSession(sessions: SessionAuthority, limiter: AttemptLimiter): RequestHandler {
  return (req, res, next) => {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (token && sessions.touchSession(token)) {
      // Who is asking, for what is tracked per session (the passphrase re-entry); a hash, never the token itself.
      res.locals.sessionId = createHash('sha256').update(token).digest('hex').slice(0, 32);
      return next();
    }
    const retryAfterMs = limiter.retryAfterMs('session');
    if (retryAfterMs > 0) return next(new TooManyAttemptsError(retryAfterMs));
    if (token) limiter.recordFailure('session');
    next(unauthorized());
  };
}

/** The session a request carries, as requireSession identified it. */
export function sessionIdOf(res: Response): string {
  const id: unknown = res.locals.sessionId;
  if (typeof id !== 'string') throw new Error('sessionIdOf called outside requireSession');
  return id;
}
