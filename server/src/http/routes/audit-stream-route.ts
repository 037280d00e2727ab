import { Router } from 'express';
import { apiRoutes } from '@contract/api.ts';
import { parseAuditEventId } from '@contract/audit-events.ts';
import type { WorkspaceServices } from '../../workspace/workspace-services.ts';

/**
 * GET /api/audit/events: the audit as server-sent events, read by the page with fetch, so the session
 * token travels in the Authorization header like on every other route (EventSource could only put it
 * in the URL). Joins the run in flight or starts one; with Last-Event-ID of a run still held, resumes
 * after that event. Each event is written as it happens: no compression, no buffering (Nagle off,
 * headers flushed at once), and a slow reader is waited for ('drain') instead of queued for. The
 * listener goes when the response closes, whoever closes it.
 */
export function createAuditStreamRoute({ audits }: Pick<WorkspaceServices, 'audits'>): Router {
  const router = Router();
  router.get(apiRoutes.getAuditEvents.path, (req, res) => {
    const audit = audits.current();
    if (req.method === 'HEAD') return void res.status(204).end();
    const lastSeen = parseAuditEventId(req.get('last-event-id'));
    const resumed = lastSeen && audit.findRun(lastSeen.runId);
    const log = resumed || audit.join();
    let sent = resumed && lastSeen ? Math.min(lastSeen.seq, log.eventCount) : 0;

    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    req.socket.setNoDelay(true);

    let isClosed = false;
    let isWaitingForDrain = false;
    const pump = () => {
      if (isClosed || isWaitingForDrain) return;
      for (const { id, event } of log.eventsAfter(sent)) {
        sent += 1;
        if (!res.write(`id: ${id}\ndata: ${JSON.stringify(event)}\n\n`)) {
          isWaitingForDrain = true;
          res.once('drain', () => {
            isWaitingForDrain = false;
            pump();
          });
          return;
        }
      }
      if (log.isOver) res.end();
    };
    const unsubscribe = log.subscribe(pump);
    res.on('close', () => {
      isClosed = true;
      unsubscribe();
    });
    pump();
  });
  return router;
}
