import { Router } from 'express';
import { apiRoutes } from '@contract/api.ts';
import type { WorkspaceServices } from '../../workspace/workspace-services.ts';
import { changesBetween } from '../../history/changes-between.ts';
import { keyTimeline } from '../../history/key-timeline.ts';
import { lastReadConnection } from '../../history/last-read-connection.ts';

/**
 * The audit history: read only, one run or one key per request. store() throws VaultLockedError or
 * HistoryUnavailableError, which answer as themselves; the status route never fails, so the page can say why.
 */
export function createHistoryRoutes({ history, audits }: Pick<WorkspaceServices, 'history' | 'audits'>): Router {
  const router = Router();

  router.get(apiRoutes.getHistoryStatus.path, (_req, res) => {
    res.json(history.status());
  });

  router.get(apiRoutes.listHistoryRuns.path, (_req, res) => {
    res.json({ runs: history.store().listRuns() });
  });

  router.get(apiRoutes.getLatestRecordedRun.path, (_req, res) => {
    res.json(history.store().latestRun());
  });

  router.get(apiRoutes.getHistoryChanges.path, (req, res) => {
    const { from, to } = apiRoutes.getHistoryChanges.query.parse(req.query);
    res.json(changesBetween(history.store(), { from, to }));
  });

  // The last run keyaudit watch recorded, whichever process or machine user ran it, and when its next is due.
  router.get(apiRoutes.getWatchSchedule.path, (_req, res) => {
    const last = history.store().listRuns().find((run) => run.source === 'watch');
    const everyMs = last?.watchEveryMs ?? null;
    res.json({
      lastRun: last ? { runId: last.runId, startedAt: last.startedAt, finishedAt: last.finishedAt } : null,
      nextDueAt: last && everyMs !== null ? new Date(Date.parse(last.startedAt) + everyMs).toISOString() : null,
      everyMs,
    });
  });

  router.get(apiRoutes.getKeyauditUsage.path, (req, res) => {
    res.json({ lastUsedByKeyauditAt: audits.lastUsedByKeyaudit?.(String(req.params.keyId)) ?? null });
  });

  router.get(apiRoutes.getLastReadConnection.path, (req, res) => {
    res.json(lastReadConnection(history.store(), String(req.params.connectionId)));
  });

  router.get(apiRoutes.getKeyTimeline.path, (req, res) => {
    const keyId = String(req.params.keyId);
    const store = history.store();
    res.json({ timeline: keyTimeline(keyId, store.keyStates(keyId), store.listRuns()) });
  });

  return router;
}
