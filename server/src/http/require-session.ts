import type { RequestHandler } from 'express';
import type { AttemptLimiter } from './attempt-limiter.ts';
import type { SessionAuthority } from './session-authority.ts';
import { TooManyAttemptsError, unauthorized } from './api-error.ts';

/**
 * Bearer session token on every API call. No cookies are ever read or set. A valid session is never refused, even
 * while bad tokens are locked out: noise from another local process must not lock the user out (docs/security-model.md#lock-out).
 */
export function requireSession(sessions: SessionAuthority, limiter: AttemptLimiter): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (token && sessions.touchSession(token)) return next();
    const retryAfterMs = limiter.retryAfterMs('session');
    if (retryAfterMs > 0) return next(new TooManyAttemptsError(retryAfterMs));
    if (token) limiter.recordFailure('session');
    next(unauthorized());
  };
}
