import type { AuditReport } from '@contract/audit-report.ts';
import type { AuditRun } from '@contract/audit-run.ts';
import { SEVERITIES, type Severity } from '@contract/finding.ts';
import type { KeyAnnotation } from '@contract/key-annotation.ts';

/** Only these keys (and their findings): the dashboard's "keys on screen" export. `description` says which filters chose them. */
export type ReportScope = { keyIds: ReadonlySet<string>; description: string };

/**
 * The versioned report of a run: what the CLI prints as JSON and the UI exports. `annotations` are the owner, purpose
 * and tags of its keys by key id (key-annotations/key-annotation-scope.ts joins them).
 */
export function toAuditReport(fullRun: AuditRun, generatedAt: Date, scope?: ReportScope, annotations: ReadonlyMap<string, KeyAnnotation> = new Map()): AuditReport {
  const run = scope ? { ...fullRun, keys: fullRun.keys.filter((key) => scope.keyIds.has(key.id)), findings: fullRun.findings.filter((finding) => scope.keyIds.has(finding.keyId)) } : fullRun;
  const findingCounts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const finding of run.findings) if (!finding.acceptance) findingCounts[finding.severity]++;
  return {
    schemaVersion: 1,
    generatedAt: generatedAt.toISOString(),
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    ...(scope ? { scope: { keys: run.keys.length, ofKeys: fullRun.keys.length, description: scope.description } } : {}),
    summary: {
      keys: run.keys.length,
      accounts: run.connections.reduce((sum, connection) => sum + connection.accounts.length, 0),
      connections: run.connections.length,
      findings: findingCounts,
      acceptedFindings: run.findings.filter((finding) => finding.acceptance).length,
    },
    connections: run.connections.map((connection) => ({
      id: connection.connectionId,
      exchange: connection.exchange,
      label: connection.label,
      status: connection.status,
      errorKind: connection.error?.kind ?? null,
      failedAccounts: connection.accounts
        .filter((account) => account.status === 'failed')
        .map((account) => ({ account: account.account.name, errorKind: account.error?.kind ?? null, message: account.error?.message ?? '' })),
      ...(connection.notes && connection.notes.length > 0 ? { notes: connection.notes } : {}),
    })),
    keys: run.keys.map((key) => {
      const annotation = annotations.get(key.id);
      return {
      ref: key.id,
      connectionId: key.connectionId,
      exchange: key.exchange,
      account: key.account,
      apiKey: key.apiKey,
      label: key.label,
      permissions: key.permissions,
      capabilities: key.capabilities,
      ipWhitelist: key.ipWhitelist,
      createdAt: key.createdAt,
      expiresAt: key.expiresAt,
      lastUsedAt: key.lastUsedAt,
      isCallingKey: key.isCallingKey,
      revocability: key.revocability,
      ...(key.isThirdPartyBound === undefined ? {} : { isThirdPartyBound: key.isThirdPartyBound }),
      ...(key.unreported ? { unreported: key.unreported } : {}),
      ...(key.unread ? { unread: key.unread } : {}),
      ...(annotation ? { owner: annotation.owner, purpose: annotation.purpose, tags: annotation.tags } : {}),
      };
    }),
    findings: run.findings.map((finding) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      keyRef: finding.keyId,
      title: finding.title,
      why: finding.why,
      fix: finding.fix,
      accepted: Boolean(finding.acceptance),
      acceptance: finding.acceptance ?? null,
    })),
  };
}
