import type { RequestHandler } from 'express';
import type { AttemptLimiter } from './attempt-limiter.ts';
import type { SessionAuthority } from './session-authority.ts';
import { TooManyAttemptsError, unauthorized } from './api-error.ts';

/** Bearer session token on every API call. No cookies are ever read or set. */
export function requireSession(sessions: SessionAuthority, limiter: AttemptLimiter): RequestHandler {
  return (req, _res, next) => {
    const retryAfterMs = limiter.retryAfterMs('session');
    if (retryAfterMs > 0) return next(new TooManyAttemptsError(retryAfterMs));
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (token && sessions.touchSession(token)) return next();
    if (token) limiter.recordFailure('session');
    next(unauthorized());
  };
}
