import { Router } from 'express';
import { apiRoutes } from '@contract/api.ts';
import type { AttemptLimiter } from '../attempt-limiter.ts';
import type { SessionAuthority } from '../session-authority.ts';
import { TooManyAttemptsError, unauthorized } from '../api-error.ts';

export function createSessionRoutes(sessions: SessionAuthority, limiter: AttemptLimiter): Router {
  const router = Router();
  router.post(apiRoutes.createSession.path, (req, res) => {
    const retryAfterMs = limiter.retryAfterMs('launch');
    if (retryAfterMs > 0) throw new TooManyAttemptsError(retryAfterMs);
    const { launchToken } = apiRoutes.createSession.input.parse(req.body);
    const sessionToken = sessions.startSession(launchToken);
    if (!sessionToken) {
      limiter.recordFailure('launch');
      throw unauthorized();
    }
    limiter.recordSuccess('launch');
    res.status(201).json({ sessionToken });
  });
  return router;
}
