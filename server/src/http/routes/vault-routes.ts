import { Router } from 'express';
import { apiRoutes } from '@contract/api.ts';
import { UnlockFailedError } from '../../vault/vault-errors.ts';
import type { WorkspaceServices } from '../../workspace/workspace-services.ts';
import type { AttemptLimiter } from '../attempt-limiter.ts';
import { TooManyAttemptsError } from '../api-error.ts';
import { sessionIdOf } from '../require-session.ts';

export function createVaultRoutes({ vault, actionLog }: Pick<WorkspaceServices, 'vault' | 'actionLog'>, limiter: AttemptLimiter): Router {
  const router = Router();

  router.post(apiRoutes.unlockVault.path, async (req, res) => {
    const retryAfterMs = limiter.retryAfterMs('passphrase');
    if (retryAfterMs > 0) throw new TooManyAttemptsError(retryAfterMs);
    const { passphrase } = apiRoutes.unlockVault.input.parse(req.body);
    try {
      await vault.unlock(passphrase, sessionIdOf(res));
    } catch (error) {
      if (!(error instanceof UnlockFailedError)) throw error;
      limiter.recordFailure('passphrase');
      const lockedOutMs = limiter.retryAfterMs('passphrase');
      if (lockedOutMs > 0) {
        await actionLog.append({ action: 'vault.unlock-failed-burst', outcome: 'denied', details: { lockedOutSeconds: Math.ceil(lockedOutMs / 1000) } });
      }
      throw error;
    }
    limiter.recordSuccess('passphrase');
    res.json({ ok: true });
  });

  router.post(apiRoutes.lockVault.path, async (_req, res) => {
    await vault.lock('manual');
    res.json({ ok: true });
  });

  router.get(apiRoutes.getActionLog.path, async (_req, res) => {
    res.json(await actionLog.read());
  });
  return router;
}
