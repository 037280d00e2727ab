import { Router } from 'express';
import { apiRoutes } from '@contract/api.ts';
import type { WorkspaceServices } from '../../workspace/workspace-services.ts';
import { SESSION_IDLE_MS } from '../session-authority.ts';
import { sessionIdOf } from '../require-session.ts';

export function createStatusRoutes({ mode, demoKeyPassphrase, vault }: Pick<WorkspaceServices, 'mode' | 'demoKeyPassphrase' | 'vault'>): Router {
  const router = Router();
  router.get(apiRoutes.getStatus.path, (_req, res) => {
    const until = vault.recentPassphraseUntil?.(sessionIdOf(res));
    res.json({
      mode,
      demoKeyPassphrase,
      vault: vault.state(),
      sessionIdleMs: SESSION_IDLE_MS,
      ...(until === undefined ? {} : { recentPassphraseUntil: until === null ? null : new Date(until).toISOString() }),
      ...vault.outsideState?.(),
    });
  });
  return router;
}
