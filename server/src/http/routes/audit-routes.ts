import { Router } from 'express';
import { apiRoutes, type RevokeResult } from '@contract/api.ts';
import type { WorkspaceServices } from '../../workspace/workspace-services.ts';
import { ConnectionStillReadingError, KeyNotFoundError, KeyPassphraseRequiredError, NotRevocableError } from '../../audit/audit-errors.ts';
import { InvalidInputError } from '../../errors/user-facing-error.ts';
import { formatReport, REPORT_FORMATS } from '../../report/format-report.ts';
import { toAuditReport } from '../../report/to-audit-report.ts';
import { sessionIdOf } from '../require-session.ts';

const REPORT_CONTENT_TYPES = { json: 'application/json', csv: 'text/csv', md: 'text/markdown', sarif: 'application/sarif+json' } as const;

export function createAuditRoutes({ audits, vault }: Pick<WorkspaceServices, 'audits' | 'vault'>): Router {
  const router = Router();
  const auditService = () => audits.current();

  router.get(apiRoutes.getAudit.path, async (_req, res) => {
    res.json(await auditService().audit());
  });

  router.get('/api/audit/report', async (req, res) => {
    const format = REPORT_FORMATS.find((candidate) => candidate === req.query.format);
    if (!format || format === 'table') throw new InvalidInputError('format must be json, csv, md or sarif.');
    const report = toAuditReport(await auditService().latest(), new Date());
    const stamp = report.finishedAt.slice(0, 19).replaceAll(':', '-');
    res
      .type(REPORT_CONTENT_TYPES[format])
      .attachment(`keyaudit-${stamp}.${format}`)
      .send(formatReport(report, format));
  });

  router.post(apiRoutes.revokeKey.path, async (req, res) => {
    const audit = auditService();
    const { keyPassphrase } = apiRoutes.revokeKey.input.parse(req.body);
    vault.requireRecentPassphrase('revoke keys', sessionIdOf(res));
    const keyId = String(req.params.keyId);
    const key = audit.findKey(keyId);
    if (!key && audit.isKeyBeingRead(keyId)) throw new ConnectionStillReadingError();
    if (!key) throw new KeyNotFoundError();
    if (!key.revocability.canRevoke) throw new NotRevocableError(key.revocability.reason);
    if (key.revocability.how === 'api-needs-key-passphrase' && !keyPassphrase) {
      throw new KeyPassphraseRequiredError();
    }
    const outcome = await audit.revoke(key, keyPassphrase);
    res.json({ revoked: true, keyId, ...outcome } satisfies RevokeResult);
  });
  router.post(apiRoutes.retryConnection.path, async (req, res) => {
    apiRoutes.retryConnection.input.parse(req.body ?? {});
    res.json(await auditService().retryConnection(String(req.params.connectionId)));
  });
  return router;
}
