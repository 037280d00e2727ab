import { Router } from 'express';
import { apiRoutes } from '@contract/api.ts';
import type { WorkspaceServices } from '../../workspace/workspace-services.ts';
import { assertDashboardBaseUrl } from '../../exchanges/base-url-policy.ts';
import { sessionIdOf } from '../require-session.ts';

export function createConnectionRoutes({ connections, vault }: Pick<WorkspaceServices, 'connections' | 'vault'>): Router {
  const router = Router();

  router.get(apiRoutes.listConnections.path, async (_req, res) => {
    res.json({ connections: await connections.list() });
  });

  // Tests a credential without saving it: asks the exchange what the key can do.
  router.post(apiRoutes.testConnection.path, async (req, res) => {
    const input = apiRoutes.testConnection.input.parse(req.body);
    assertDashboardBaseUrl(input.exchange, input.baseUrl);
    res.json(await connections.test(input));
  });

  router.post(apiRoutes.addConnection.path, async (req, res) => {
    vault.requireRecentPassphrase('add a connection (lock the vault and unlock it again)', sessionIdOf(res));
    const input = apiRoutes.addConnection.input.parse(req.body);
    assertDashboardBaseUrl(input.exchange, input.baseUrl);
    res.status(201).json(await connections.add(input));
  });

  router.patch(apiRoutes.renameConnection.path, async (req, res) => {
    const { label } = apiRoutes.renameConnection.input.parse(req.body);
    res.json(await connections.rename(String(req.params.connectionId), label));
  });

  router.delete(apiRoutes.removeConnection.path, async (req, res) => {
    vault.requireRecentPassphrase('remove a connection (lock the vault and unlock it again)', sessionIdOf(res));
    await connections.remove(String(req.params.connectionId));
    res.json({ ok: true });
  });
  return router;
}
