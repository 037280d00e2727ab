import { Router } from 'express';
import { apiRoutes } from '@contract/api.ts';
import type { WorkspaceServices } from '../../workspace/workspace-services.ts';

export function createStatusRoutes({ mode, demoKeyPassphrase, vault }: Pick<WorkspaceServices, 'mode' | 'demoKeyPassphrase' | 'vault'>): Router {
  const router = Router();
  router.get(apiRoutes.getStatus.path, (_req, res) => {
    res.json({ mode, demoKeyPassphrase, vault: vault.state(), ...vault.outsideState?.() });
  });
  return router;
}
