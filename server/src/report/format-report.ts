import type { AuditReport } from '@contract/audit-report.ts';
import { SEVERITIES } from '@contract/finding.ts';
import { toPrintableText } from '@contract/printable-text.ts';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import { formatSarif } from './format-sarif.ts';
import { KEYAUDIT_VERSION } from './keyaudit-version.ts';

export const REPORT_FORMATS = ['table', 'json', 'csv', 'md', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

type KeyRow = {
  exchange: string; account: string; label: string; apiKey: string; worst: string; findings: string; permissions: string; ipWhitelist: string; createdAt: string;
  /** What else a reader must know of the key: held by keyaudit, linked to a third party, what the exchange did not say. */
  notes: string;
  /**
   * What the audit of the key's connection could not see, as gap codes like the findings column's rule ids (CSV only:
   * the other formats say it in words, once per connection).
   */
  couldNotSee: string;
};
type ReportKey = AuditReport['keys'][number];

/** Short words, one per fact, so a table cell or a grep finds them. */
function keyNotes(key: ReportKey): string {
  const notes: string[] = [];
  if (key.isCallingKey) notes.push('held by keyaudit');
  if (key.isThirdPartyBound) notes.push('linked to a third party');
  if (key.unreported?.includes('withdraw')) notes.push('withdraw not reported');
  if (key.unread?.includes('ip-whitelist')) notes.push('whitelist read failed');
  else if (key.unreported?.includes('ip-whitelist')) notes.push('whitelist not reported');
  return notes.join('; ');
}

function whitelistText(key: ReportKey): string {
  if (key.ipWhitelist === null) return 'ANY IP';
  if (key.ipWhitelist === 'unknown') {
    if (key.unread?.includes('ip-whitelist')) return 'unknown (read failed)';
    return key.unreported?.includes('ip-whitelist') ? `unknown (not reported by ${EXCHANGE_NAMES[key.exchange]})` : 'unknown';
  }
  return key.ipWhitelist.join(' ');
}

const noteText = (connection: AuditReport['connections'][number]) => (connection.notes ?? []).map((note) => note.message);

/** One row per key, worst finding first: the shape the table, CSV and Markdown share. */
function toKeyRows(report: AuditReport): KeyRow[] {
  const couldNotSee = new Map(report.connections.map((connection) => [connection.id, (connection.notes ?? []).map((note) => note.gap).join(' ')]));
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
        ipWhitelist: whitelistText(key),
        createdAt: key.createdAt?.slice(0, 10) ?? '',
        notes: keyNotes(key),
        couldNotSee: (key.connectionId && couldNotSee.get(key.connectionId)) || '',
      };
    })
    .sort((a, b) => (a.worst ? rank(a.worst) : 99) - (b.worst ? rank(b.worst) : 99));
}

const COLUMNS: (keyof KeyRow)[] = ['worst', 'exchange', 'account', 'label', 'apiKey', 'permissions', 'ipWhitelist', 'createdAt', 'findings', 'notes'];
/** CSV has no place for a connection's lines: each key row carries what its connection's audit could not see. */
const CSV_COLUMNS: (keyof KeyRow)[] = [...COLUMNS, 'couldNotSee'];

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
  if (format === 'sarif') return formatSarif(report, KEYAUDIT_VERSION);
  const rows = toKeyRows(report);
  if (format === 'csv') return [CSV_COLUMNS.join(','), ...rows.map((row) => CSV_COLUMNS.map((column) => csvCell(row[column])).join(','))].join('\r\n') + '\r\n';
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
    for (const message of noteText(connection)) lines.push(`  - could not see: ${mdCell(message)}`);
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
  const shown: (keyof KeyRow)[] = ['worst', 'exchange', 'account', 'label', 'apiKey', 'permissions', 'ipWhitelist', 'createdAt', 'notes'];
  // Exchange text reaches a terminal here: no escape sequence may pass (toPrintableText).
  const clip = (value: string) => toPrintableText(value, 32);
  // Said in full before the table: a gap in what the audit saw is no cell to be clipped.
  const gaps = report.connections.flatMap((connection) => noteText(connection).map((message) => `  ${toPrintableText(connection.label, 64)}: ${toPrintableText(message, 400)}`));
  const gapLines = gaps.length > 0 ? ['', 'Could not see:', ...gaps] : [];
  const widths = shown.map((column) => Math.max(column.length, ...rows.map((row) => clip(row[column]).length)));
  const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index])).join('  ').trimEnd();
  return [summaryLine(report), ...gapLines, '', line(shown), ...rows.map((row) => line(shown.map((column) => clip(row[column]))))].join('\n') + '\n';
}
