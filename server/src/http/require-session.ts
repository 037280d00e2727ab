import type { RequestHandler } from 'express';
import type { AttemptLimiter } from './attempt-limiter.ts';
import type { SessionAuthority } from './session-authority.ts';
import { HttpError, unauthorized } from './api-error.ts';

/** Bearer session token on every API call. No cookies are ever read or set. */
export function requireSession(sessions: SessionAuthority, limiter: AttemptLimiter): RequestHandler {
  return (req, _res, next) => {
    const retryAfterMs = limiter.retryAfterMs('session');
    if (retryAfterMs > 0) return next(tooManyAttempts(retryAfterMs));
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (token && sessions.touchSession(token)) return next();
    if (token) limiter.recordFailure('session');
    next(unauthorized());
  };
}

export function tooManyAttempts(retryAfterMs: number): HttpError {
  const seconds = Math.ceil(retryAfterMs / 1000);
  return new HttpError(429, 'too_many_attempts', `Too many failed attempts. Try again in ${seconds} seconds.`, {
    'Retry-After': String(seconds),
  });
}
