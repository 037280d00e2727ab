import { Router } from 'express';
import { apiRoutes } from '@contract/api.ts';
import type { Workspace } from '../../workspace/workspace.ts';
import type { AttemptLimiter } from '../attempt-limiter.ts';
import { HttpError } from '../api-error.ts';
import { tooManyAttempts } from '../require-session.ts';

export function createVaultRoutes(workspace: Workspace, limiter: AttemptLimiter): Router {
  const router = Router();

  router.post(apiRoutes.unlockVault.path, async (req, res) => {
    const retryAfterMs = limiter.retryAfterMs('passphrase');
    if (retryAfterMs > 0) throw tooManyAttempts(retryAfterMs);
    if (workspace.vaultState() === 'none') throw new HttpError(409, 'no_vault', 'There is no vault: keyaudit runs on demo data.');
    const { passphrase } = apiRoutes.unlockVault.input.parse(req.body);
    try {
      await workspace.unlock(passphrase);
    } catch (error) {
      if ((error as Error)?.name !== 'UnlockFailedError') throw error;
      limiter.recordFailure('passphrase');
      const lockedOutMs = limiter.retryAfterMs('passphrase');
      if (lockedOutMs > 0) {
        await workspace.actions.append({ action: 'vault.unlock-failed-burst', outcome: 'denied', details: { lockedOutSeconds: Math.ceil(lockedOutMs / 1000) } });
      }
      throw new HttpError(401, 'unlock_failed', 'Wrong passphrase or damaged vault.');
    }
    limiter.recordSuccess('passphrase');
    res.json({ ok: true });
  });

  router.post(apiRoutes.lockVault.path, async (_req, res) => {
    await workspace.lock('manual');
    res.json({ ok: true });
  });

  router.get(apiRoutes.getActionLog.path, async (_req, res) => {
    res.json(await workspace.readActionLog());
  });
  return router;
}
