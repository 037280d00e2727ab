import { Router } from 'express';
import { apiRoutes, type RevokeResult } from '@contract/api.ts';
import type { Workspace } from '../../workspace/workspace.ts';
import { HttpError } from '../api-error.ts';
import { requireRecentPassphrase } from '../require-recent-passphrase.ts';
import { formatReport, REPORT_FORMATS } from '../../report/format-report.ts';
import { toAuditReport } from '../../report/to-audit-report.ts';

const REPORT_CONTENT_TYPES = { json: 'application/json', csv: 'text/csv', md: 'text/markdown' } as const;

export const vaultLocked = () => new HttpError(423, 'vault_locked', 'Unlock the vault first.');

export function createAuditRoutes(workspace: Workspace): Router {
  const router = Router();
  const auditService = () => workspace.audit() ?? (() => { throw vaultLocked(); })();

  router.get(apiRoutes.getStatus.path, (_req, res) => {
    res.json({ mode: workspace.mode, demoKeyPassphrase: workspace.demoKeyPassphrase, vault: workspace.vaultState() });
  });

  router.get(apiRoutes.getAudit.path, async (_req, res) => {
    res.json(await auditService().audit());
  });

  router.get('/api/audit/report', async (req, res) => {
    const format = REPORT_FORMATS.find((candidate) => candidate === req.query.format);
    if (!format || format === 'table') throw new HttpError(400, 'invalid_input', 'format must be json, csv or md.');
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
    requireRecentPassphrase(workspace, 'revoke keys');
    const keyId = String(req.params.keyId);
    const key = audit.findKey(keyId);
    if (!key && audit.isKeyBeingRead(keyId)) throw new HttpError(409, 'connection_still_reading', 'This key\'s connection is still being read. Try again when it is done.');
    if (!key) throw new HttpError(404, 'key_not_found', 'That key is not in the latest audit. Refresh and try again.');
    if (!key.revocability.canRevoke) throw new HttpError(409, 'not_revocable', key.revocability.reason);
    if (key.revocability.how === 'api-needs-key-passphrase' && !keyPassphrase) {
      throw new HttpError(400, 'key_passphrase_required', "Enter this key's own API passphrase to revoke it.");
    }
    const outcome = await audit.revoke(key, keyPassphrase);
    res.json({ revoked: true, keyId, ...outcome } satisfies RevokeResult);
  });
  return router;
}
