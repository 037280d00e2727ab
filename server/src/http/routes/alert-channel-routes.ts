import { Router } from 'express';
import { apiRoutes } from '@contract/api.ts';
import type { WorkspaceServices } from '../../workspace/workspace-services.ts';
import { sessionIdOf } from '../require-session.ts';

/**
 * The dashboard's Alert channels: the same service as `keyaudit notify`. Settings go in only; no answer holds a
 * URL or token. Adding and removing change the vault, so they want the passphrase entered recently, as
 * adding or removing a connection does.
 */
export function createAlertChannelRoutes({ alerts, vault }: Pick<WorkspaceServices, 'alerts' | 'vault'>): Router {
  const router = Router();

  router.get(apiRoutes.listAlertChannels.path, async (_req, res) => {
    res.json({ channels: await alerts.list() });
  });

  router.post(apiRoutes.addAlertChannel.path, async (req, res) => {
    vault.requireRecentPassphrase('add an alert channel (lock the vault and unlock it again)', sessionIdOf(res));
    const { kind, label, config } = apiRoutes.addAlertChannel.input.parse(req.body);
    res.status(201).json(await alerts.add({ kind, label, config }));
  });

  router.delete(apiRoutes.removeAlertChannel.path, async (req, res) => {
    vault.requireRecentPassphrase('remove an alert channel (lock the vault and unlock it again)', sessionIdOf(res));
    await alerts.remove(String(req.params.channelId));
    res.json({ ok: true });
  });

  router.post(apiRoutes.testAlertChannel.path, async (req, res) => {
    apiRoutes.testAlertChannel.input.parse(req.body);
    res.json(await alerts.test(String(req.params.channelId)));
  });

  return router;
}
