import { Router } from 'express';
import { apiRoutes } from '@contract/api.ts';
import type { Workspace } from '../../workspace/workspace.ts';
import { toFailure } from '../../exchanges/exchange-error.ts';
import { redact } from '../../secrets/redacted.ts';
import { HttpError } from '../api-error.ts';
import { vaultLocked } from './audit-routes.ts';
import { requireRecentPassphrase } from '../require-recent-passphrase.ts';

export function createConnectionRoutes(workspace: Workspace): Router {
  const router = Router();
  const manager = () => {
    if (workspace.mode === 'demo') throw new HttpError(409, 'demo_mode', 'Demo mode has no connections to manage. Create a vault to add your own.');
    return workspace.connections() ?? (() => { throw vaultLocked(); })();
  };

  router.get(apiRoutes.listConnections.path, async (_req, res) => {
    res.json({ connections: await manager().list() });
  });

  // Tests a credential without saving it: asks the exchange what the key can do.
  router.post(apiRoutes.testConnection.path, async (req, res) => {
    manager();
    const input = apiRoutes.testConnection.input.parse(req.body);
    const adapter = workspace.adapterForUnsaved(input.exchange, input.baseUrl ?? null);
    const credentials = { apiKey: input.apiKey, secret: redact(input.secret), passphrase: input.passphrase ? redact(input.passphrase) : undefined };
    try {
      const callingKey = await adapter.fetchCallingKey(credentials);
      res.json({ ok: true, callingKey, error: null });
    } catch (error) {
      res.json({ ok: false, callingKey: null, error: toFailure(error) });
    }
  });

  router.post(apiRoutes.addConnection.path, async (req, res) => {
    const connections = manager();
    requireRecentPassphrase(workspace, 'add a connection (lock the vault and unlock it again)');
    res.status(201).json(await connections.add(apiRoutes.addConnection.input.parse(req.body)));
  });

  router.patch(apiRoutes.renameConnection.path, async (req, res) => {
    const connections = manager();
    const { label } = apiRoutes.renameConnection.input.parse(req.body);
    res.json(await connections.rename(String(req.params.connectionId), label));
  });

  router.delete(apiRoutes.removeConnection.path, async (req, res) => {
    const connections = manager();
    requireRecentPassphrase(workspace, 'remove a connection (lock the vault and unlock it again)');
    await connections.remove(String(req.params.connectionId));
    res.json({ ok: true });
  });
  return router;
}
