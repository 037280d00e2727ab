import type { AuditReport } from '@contract/audit-report.ts';
import { SEVERITIES } from '@contract/finding.ts';
import { toPrintableText } from '@contract/printable-text.ts';

export const REPORT_FORMATS = ['table', 'json', 'csv', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

type KeyRow = { exchange: string; account: string; label: string; apiKey: string; worst: string; findings: string; permissions: string; ipWhitelist: string; createdAt: string };

/** One row per key, worst finding first: the shape the table, CSV and Markdown share. */
function toKeyRows(report: AuditReport): KeyRow[] {
  const rank = (severity: string) => SEVERITIES.indexOf(severity as (typeof SEVERITIES)[number]);
  return report.keys
    .map((key) => {
      const open = report.findings.filter((finding) => finding.keyRef === key.ref && !finding.accepted).sort((a, b) => rank(a.severity) - rank(b.severity));
      return {
        exchange: key.exchange,
        account: key.account.kind === 'master' ? 'master' : key.account.name,
        label: key.label,
        apiKey: key.apiKey,
        worst: open[0]?.severity ?? '',
        findings: open.map((finding) => finding.ruleId).join(' '),
        permissions: key.permissions.join(','),
        ipWhitelist: key.ipWhitelist === null ? 'ANY IP' : key.ipWhitelist === 'unknown' ? 'unknown' : key.ipWhitelist.join(' '),
        createdAt: key.createdAt?.slice(0, 10) ?? '',
      };
    })
    .sort((a, b) => (a.worst ? rank(a.worst) : 99) - (b.worst ? rank(b.worst) : 99));
}

const COLUMNS: (keyof KeyRow)[] = ['worst', 'exchange', 'account', 'label', 'apiKey', 'permissions', 'ipWhitelist', 'createdAt', 'findings'];

/**
 * RFC 4180 quoting, and a leading ' on cells a spreadsheet could run as a formula (CSV injection, OWASP): cells
 * starting with = + - @ or ; (a formula separator in some locales), or with whitespace or a line break, which some
 * spreadsheets skip before they look for a formula.
 */
function csvCell(raw: string): string {
  const value = toPrintableText(raw, 10_000);
  const safe = /^[=+\-@;\s]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * Exchange text as literal Markdown: every character CommonMark could read as markup is backslash-escaped, so a
 * label cannot become a remote image (a tracking request when the report is previewed), a link, raw HTML, emphasis
 * or a heading; control characters are gone and line breaks become spaces.
 */
export const mdCell = (value: string) => toPrintableText(value, 10_000).replace(/[\\`*_{}[\]()<>#!|~&]/g, (char) => `\\${char}`) || ' ';

export function formatReport(report: AuditReport, format: ReportFormat): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  const rows = toKeyRows(report);
  if (format === 'csv') return [COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((column) => csvCell(row[column])).join(','))].join('\r\n') + '\r\n';
  if (format === 'md') return formatMarkdown(report, rows);
  return formatTable(report, rows);
}

function summaryLine(report: AuditReport): string {
  const counts = SEVERITIES.map((severity) => `${report.summary.findings[severity]} ${severity}`).join(', ');
  return `${report.summary.keys} keys in ${report.summary.accounts} accounts on ${report.summary.connections} connections; findings: ${counts}`;
}

function formatMarkdown(report: AuditReport, rows: KeyRow[]): string {
  const lines = [`# keyaudit report`, '', `Audit of ${report.finishedAt}. ${summaryLine(report)}.`, ''];
  for (const connection of report.connections) {
    lines.push(`- **${mdCell(connection.label)}** (${connection.exchange}): ${connection.status}${connection.errorKind ? `, ${connection.errorKind}` : ''}`);
    for (const failed of connection.failedAccounts) lines.push(`  - ${mdCell(failed.account)}: ${mdCell(failed.message)}`);
  }
  lines.push('', '## Findings', '');
  for (const finding of report.findings.filter((candidate) => !candidate.accepted)) {
    const key = report.keys.find((candidate) => candidate.ref === finding.keyRef);
    const where = key ? `${key.exchange} / ${key.account.name} / ${key.label} (${key.apiKey})` : finding.keyRef;
    lines.push(`- **${finding.severity.toUpperCase()}** ${mdCell(finding.title)}: ${mdCell(where)}. ${mdCell(finding.why)} *Fix:* ${mdCell(finding.fix)}`);
  }
  lines.push('', '## Keys', '', `| ${COLUMNS.join(' | ')} |`, `|${COLUMNS.map(() => '---').join('|')}|`);
  for (const row of rows) lines.push(`| ${COLUMNS.map((column) => mdCell(row[column])).join(' | ')} |`);
  return lines.join('\n') + '\n';
}

function formatTable(report: AuditReport, rows: KeyRow[]): string {
  const shown: (keyof KeyRow)[] = ['worst', 'exchange', 'account', 'label', 'apiKey', 'permissions', 'ipWhitelist', 'createdAt'];
  // Exchange text reaches a terminal here: no escape sequence may pass (toPrintableText).
  const clip = (value: string) => toPrintableText(value, 32);
  const widths = shown.map((column) => Math.max(column.length, ...rows.map((row) => clip(row[column]).length)));
  const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index])).join('  ').trimEnd();
  return [summaryLine(report), '', line(shown), ...rows.map((row) => line(shown.map((column) => clip(row[column]))))].join('\n') + '\n';
}
