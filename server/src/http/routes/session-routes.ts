import { Router } from 'express';
import { apiRoutes } from '@contract/api.ts';
import type { AttemptLimiter } from '../attempt-limiter.ts';
import type { SessionAuthority } from '../session-authority.ts';
import { TooManyAttemptsError, unauthorized } from '../api-error.ts';

export function createSessionRoutes(sessions: SessionAuthority, limiter: AttemptLimiter): Router {
  const router = Router();
  // The terminal's fresh link always works: bad launch tokens from anyone else only lock out more bad ones.
  router.post(apiRoutes.createSession.path, (req, res) => {
    const { launchToken } = apiRoutes.createSession.input.parse(req.body);
    const sessionToken = sessions.startSession(launchToken);
    if (!sessionToken) {
      const retryAfterMs = limiter.retryAfterMs('launch');
      if (retryAfterMs > 0) throw new TooManyAttemptsError(retryAfterMs);
      limiter.recordFailure('launch');
      throw unauthorized();
    }
    limiter.recordSuccess('launch');
    res.status(201).json({ sessionToken });
  });
  return router;
}
