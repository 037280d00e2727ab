import { createHash } from 'node:crypto';
import type { AuditReport } from '@contract/audit-report.ts';
import type { Severity } from '@contract/finding.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { toPrintableText } from '@contract/printable-text.ts';
import { RULES } from '../findings/rules.ts';

/**
 * The audit as SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html), so code-scanning
 * tools (GitHub code scanning, DefectDojo, …) track findings across runs: one rule per finding rule with its
 * description, one result per finding, accepted findings as suppressed results carrying the acceptance reason.
 * A key is not a file: results point at a logical location (exchange / account / key label), and carry a
 * fingerprint per key and rule that stays the same from run to run while the key and the rule do.
 */
export const SARIF_SCHEMA_URL = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** SARIF has three levels; GitHub ranks security results by `security-severity` (a CVSS-like score) instead. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

const text = (value: string) => toPrintableText(value, 2_000);

/**
 * Stable across runs for one key and one rule, and opaque: a hash, so a scanning service that stores it learns
 * nothing about the key. Built from what identifies a key on its exchange (the connection's key for the
 * connection's own key, whose id is masked in reports, is still the same masked text from run to run).
 */
function fingerprint(key: AuditReport['keys'][number], ruleId: string): string {
  return createHash('sha256').update(JSON.stringify([key.exchange, key.account.kind, key.account.name, key.apiKey, ruleId])).digest('hex');
}

export function formatSarif(report: AuditReport, toolVersion: string): string {
  const ruleIndex = new Map<string, number>(RULES.map((rule, index) => [rule.id, index]));
  const keys = new Map(report.keys.map((key) => [key.ref, key]));
  const results = report.findings.flatMap((finding) => {
    const key = keys.get(finding.keyRef);
    if (key === undefined) return [];
    const account = key.account.kind === 'master' ? 'master' : key.account.name;
    const where = `${exchangeInfo(key.exchange).name} / ${text(account)} / ${text(key.label)} (${text(key.apiKey)})`;
    return [{
      ruleId: finding.ruleId,
      ...(ruleIndex.has(finding.ruleId) ? { ruleIndex: ruleIndex.get(finding.ruleId) } : {}),
      level: LEVEL[finding.severity],
      message: { text: `${text(finding.title)}: ${where}. ${text(finding.why)} Fix: ${text(finding.fix)}` },
      locations: [{
        logicalLocations: [{ name: text(key.label) || text(key.apiKey), fullyQualifiedName: `${key.exchange}/${text(account)}/${text(key.apiKey)}`, kind: 'resource' }],
      }],
      partialFingerprints: { 'keyaudit/keyAndRule/v1': fingerprint(key, finding.ruleId) },
      properties: {
        severity: finding.severity, exchange: key.exchange,
        // Who to ask about the key: the user's own words, printable only.
        ...(key.owner ? { owner: text(key.owner) } : {}),
        ...(key.purpose ? { purpose: text(key.purpose) } : {}),
        ...(key.tags && key.tags.length > 0 ? { keyTags: key.tags.map(text) } : {}),
      },
      ...(finding.acceptance
        ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${text(finding.acceptance.reason)} (accepted until ${finding.acceptance.expiresAt})` }] }
        : {}),
    }];
  });
  const notifications = report.connections
    .filter((connection) => connection.status !== 'ok')
    .map((connection) => ({
      level: connection.status === 'failed' ? 'error' : 'warning',
      message: {
        text: `${text(connection.label)} (${exchangeInfo(connection.exchange).name}): ${connection.status}${connection.errorKind ? `, ${connection.errorKind}` : ''}. ` +
          connection.failedAccounts.map((account) => `${text(account.account)}: ${text(account.message)}`).join('; '),
      },
    }));
  const sarif = {
    $schema: SARIF_SCHEMA_URL,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'keyaudit',
          version: toolVersion,
          rules: RULES.map((rule) => ({
            id: rule.id,
            name: rule.id.replace(/(^|-)([a-z])/g, (_match, _dash, letter: string) => letter.toUpperCase()),
            shortDescription: { text: rule.title },
            fullDescription: { text: rule.description },
            defaultConfiguration: { level: LEVEL[rule.severity] },
            properties: { 'security-severity': SECURITY_SEVERITY[rule.severity], tags: ['security', 'api-keys'] },
          })),
        },
      },
      invocations: [{
        executionSuccessful: report.connections.every((connection) => connection.status !== 'failed'),
        startTimeUtc: report.startedAt,
        endTimeUtc: report.finishedAt,
        toolExecutionNotifications: notifications,
      }],
      results,
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
