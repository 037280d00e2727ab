import express from 'express';
import { createAlertChannelRoutes } from './http/routes/alert-channel-routes.ts';
import type { Logger } from './logging/logger.ts';
import type { WorkspaceServices } from './workspace/workspace-services.ts';
import type { SessionAuthority } from './http/session-authority.ts';
import type { AttemptLimiter } from './http/attempt-limiter.ts';
import { securityHeaders } from './http/security-headers.ts';
import { createRequestBoundary } from './http/request-boundary.ts';
import { createJsonBodyParser } from './http/json-body.ts';
import { requireSession } from './http/require-session.ts';
import { createSessionRoutes } from './http/routes/session-routes.ts';
import { createStatusRoutes } from './http/routes/status-routes.ts';
import { createAuditRoutes } from './http/routes/audit-routes.ts';
import { createAuditStreamRoute } from './http/routes/audit-stream-route.ts';
import { createVaultRoutes } from './http/routes/vault-routes.ts';
import { createConnectionRoutes } from './http/routes/connection-routes.ts';
import { createFindingRoutes } from './http/routes/finding-routes.ts';
import { createHistoryRoutes } from './http/routes/history-routes.ts';
import { createKeyAnnotationRoutes } from './http/routes/key-annotation-routes.ts';
import { createStaticFiles } from './http/static-files.ts';
import { createErrorHandler } from './http/error-handler.ts';
import { UserFacingError } from './errors/user-facing-error.ts';
import { reconcileVaultBefore, reconcileVaultOnError } from './http/reconcile-vault.ts';

export type AppDeps = {
  /** The port we listen on: Host and Origin must name it exactly. */
  getPort: () => number;
  /** The demo's services or the vault's; each route module gets only those it uses. */
  workspace: WorkspaceServices;
  sessions: SessionAuthority;
  limiter: AttemptLimiter;
  logger: Logger;
  /** The built client (client/dist); null serves the API only. */
  staticDir: string | null;
};

/** Builds the app without listening, so tests drive it over HTTP on an ephemeral port. */
export function createApp(deps: AppDeps): express.Express {
  const { mode, demoKeyPassphrase, vault, connections, audits, policy, actionLog, history, alerts, annotations } = deps.workspace;
  // When the last session idles out, nobody is looking: the vault locks itself (docs/security-model.md#idle-lock).
  deps.sessions.onAllSessionsIdle(() => void vault.lock('idle').catch(() => deps.logger.error('could not record the idle lock')));

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('trust proxy', false);
  app.use(securityHeaders);
  app.use(createRequestBoundary(deps.getPort));
  app.use((req, res, next) => {
    res.on('finish', () => deps.logger.debug('request', { method: req.method, path: req.path, status: res.statusCode }));
    next();
  });
  app.use('/api', createJsonBodyParser());
  app.use(createSessionRoutes(deps.sessions, deps.limiter));
  app.use('/api', requireSession(deps.sessions, deps.limiter));
  app.use('/api', reconcileVaultBefore(vault));
  app.use(createStatusRoutes({ mode, demoKeyPassphrase, vault }));
  app.use(createAuditRoutes({ audits, vault, annotations }));
  app.use(createAuditStreamRoute({ audits }));
  app.use(createVaultRoutes({ vault, actionLog }, deps.limiter));
  app.use(createConnectionRoutes({ connections, vault }));
  app.use(createFindingRoutes({ audits, policy, actionLog, vault }));
  app.use(createHistoryRoutes({ history, audits }));
  app.use(createAlertChannelRoutes({ alerts, vault }));
  app.use(createKeyAnnotationRoutes({ audits, annotations, actionLog }));
  app.use('/api', (_req, _res, next) => next(new UserFacingError('not-found', 'No such API route.')));
  if (deps.staticDir) app.use(createStaticFiles(deps.staticDir));
  app.use((_req, _res, next) => next(new UserFacingError('not-found', 'Not found.')));
  app.use(reconcileVaultOnError(vault));
  app.use(createErrorHandler(deps.logger));
  return app;
}
