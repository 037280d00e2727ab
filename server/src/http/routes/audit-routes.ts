import { Router, type Response } from 'express';
import { REPORT_EXPORT_FORMATS, type ReportExportInput } from '@contract/audit-report.ts';
import { apiRoutes, type DisableResult, type RestrictPreview, type RestrictResult, type RevokeResult } from '@contract/api.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { planRestriction } from '@contract/restriction-plan.ts';
import type { WorkspaceServices } from '../../workspace/workspace-services.ts';
import { ConnectionStillReadingError, KeyNotFoundError, KeyPassphraseRequiredError, NotDisablableError, NotRevocableError, RestrictRefusedError } from '../../audit/audit-errors.ts';
import { InvalidInputError } from '../../errors/user-facing-error.ts';
import { formatReport } from '../../report/format-report.ts';
import { toAuditReport, type ReportScope } from '../../report/to-audit-report.ts';
import { sessionIdOf } from '../require-session.ts';
import { createJsonBodyParser, LARGE_BODY_LIMIT } from '../json-body.ts';
import { joinKeyAnnotations } from '../../key-annotations/key-annotation-scope.ts';

const REPORT_CONTENT_TYPES = { json: 'application/json', csv: 'text/csv', md: 'text/markdown', html: 'text/html', sarif: 'application/sarif+json' } as const;

export function createAuditRoutes({ audits, vault, annotations }: Pick<WorkspaceServices, 'audits' | 'vault' | 'annotations'>): Router {
  const router = Router();
  const auditService = () => audits.current();

  router.get(apiRoutes.getAudit.path, async (_req, res) => {
    res.json(await auditService().audit());
  });

  const sendReport = async (res: Response, format: ReportExportInput['format'], scope?: ReportScope) => {
    const run = await auditService().latest();
    const report = toAuditReport(run, new Date(), scope, joinKeyAnnotations(run.keys, await annotations.list()));
    const stamp = report.finishedAt.slice(0, 19).replaceAll(':', '-');
    res
      .type(REPORT_CONTENT_TYPES[format])
      .attachment(`keyaudit-${stamp}${scope ? '-filtered' : ''}.${format === 'sarif' ? 'sarif' : format}`)
      .send(formatReport(report, format));
  };

  router.get('/api/audit/report', async (req, res) => {
    const format = REPORT_EXPORT_FORMATS.find((candidate) => candidate === req.query.format);
    if (!format) throw new InvalidInputError(`format must be one of ${REPORT_EXPORT_FORMATS.join(', ')}.`);
    await sendReport(res, format);
  });

  // The dashboard's export: a body, since "the keys on screen" can be 50,000 ids.
  router.post(apiRoutes.exportReport.path, ...createJsonBodyParser({ limit: LARGE_BODY_LIMIT, forLargeBodyRoute: true }), async (req, res) => {
    const { format, only } = apiRoutes.exportReport.input.parse(req.body);
    await sendReport(res, format, only && { keyIds: new Set(only.keyIds), description: only.description });
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

  /** The key where it may be acted on, or the error saying why not. */
  const actionableKey = (keyId: string) => {
    const audit = auditService();
    const key = audit.findKey(keyId);
    if (!key && audit.isKeyBeingRead(keyId)) throw new ConnectionStillReadingError();
    if (!key) throw new KeyNotFoundError();
    return key;
  };

  // The same re-authentication as revoke. The key's disablability (from its adapter, where the exchange table allows
  // disabling at all) refuses the calling key, which would lock keyaudit out, and a key disabled already.
  router.post(apiRoutes.disableKey.path, async (req, res) => {
    apiRoutes.disableKey.input.parse(req.body ?? {});
    vault.requireRecentPassphrase('disable keys', sessionIdOf(res));
    const keyId = String(req.params.keyId);
    const key = actionableKey(keyId);
    const info = exchangeInfo(key.exchange);
    if (info.api.disableKeys === 'none' || !key.disablability) {
      throw new NotDisablableError(`${info.name}'s API cannot disable keys; delete or change this key on ${info.name}'s API page: ${info.manageKeysUrl}`);
    }
    if (!key.disablability.canDisable || key.isDisabled || key.isCallingKey) throw new NotDisablableError(key.disablability.reason);
    const outcome = await auditService().disable(key);
    res.json({ keyId, ...outcome } satisfies DisableResult);
  });

  // Nothing leaves the machine: the planner's before → after, or its reason, with the exchange's page for the latter.
  router.post(apiRoutes.previewRestriction.path, (req, res) => {
    const request = apiRoutes.previewRestriction.input.parse(req.body);
    const keyId = String(req.params.keyId);
    const key = actionableKey(keyId);
    const info = exchangeInfo(key.exchange);
    const outcome = planRestriction(key, request, info);
    const answer: RestrictPreview = outcome.ok ? { ok: true, keyId, plan: outcome.plan } : { ok: false, keyId, reason: outcome.reason, manageUrl: info.manageKeysUrl };
    res.json(answer);
  });

  // The same re-authentication as revoke: the vault passphrase within the last minutes, and KuCoin's key passphrase.
  router.post(apiRoutes.restrictKey.path, async (req, res) => {
    const { keyPassphrase, ...request } = apiRoutes.restrictKey.input.parse(req.body);
    vault.requireRecentPassphrase('restrict keys', sessionIdOf(res));
    const keyId = String(req.params.keyId);
    const key = actionableKey(keyId);
    const info = exchangeInfo(key.exchange);
    const outcome = planRestriction(key, request, info);
    if (!outcome.ok) {
      await auditService().logRestrictRefused(key, outcome.reason);
      throw new RestrictRefusedError(outcome.reason);
    }
    if (info.api.restrict.needsKeyPassphrase && !keyPassphrase) throw new KeyPassphraseRequiredError('restrict');
    const result = await auditService().restrict(key, outcome.plan, keyPassphrase);
    res.json({ keyId, plan: outcome.plan, ...result } satisfies RestrictResult);
  });

  router.post(apiRoutes.retryConnection.path, async (req, res) => {
    apiRoutes.retryConnection.input.parse(req.body ?? {});
    res.json(await auditService().retryConnection(String(req.params.connectionId)));
  });
  return router;
}
