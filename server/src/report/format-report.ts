import type { AuditReport } from '@contract/audit-report.ts';
import { SEVERITIES } from '@contract/finding.ts';
import { toPrintableText } from '@contract/printable-text.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import { fitColumns, type ColumnSpec } from './fit-columns.ts';
import { formatHtml } from './format-html.ts';
import { noteText, summaryLine, toKeyRows, type KeyRow } from './key-rows.ts';
import { formatSarif } from './format-sarif.ts';
import { KEYAUDIT_VERSION } from './keyaudit-version.ts';

export const REPORT_FORMATS = ['table', 'json', 'csv', 'md', 'html', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const COLUMNS: (keyof KeyRow)[] = ['worst', 'exchange', 'account', 'label', 'apiKey', 'permissions', 'ipWhitelist', 'createdAt', 'findings', 'notes'];
/**
 * Every column of the report. CSV has no place for a connection's lines: each key row carries what its connection's
 * audit could not see. Columns are only ever appended, so a spreadsheet built on an older export keeps working.
 */
const CSV_COLUMNS: (keyof KeyRow)[] = [...COLUMNS, 'couldNotSee', 'topFinding', 'capabilities', 'expiresAt', 'lastUsedAt', 'acceptedFindings', 'acceptances', 'owner', 'purpose', 'tags'];

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

/** How the terminal table is laid out: the terminal's width (none when stdout is not one), or everything with wide. */
export type TableLayout = { width?: number; wide?: boolean };

export function formatReport(report: AuditReport, format: ReportFormat, layout: TableLayout = {}): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  if (format === 'sarif') return formatSarif(report, KEYAUDIT_VERSION);
  const rows = toKeyRows(report);
  if (format === 'csv') return [CSV_COLUMNS.join(','), ...rows.map((row) => CSV_COLUMNS.map((column) => csvCell(row[column])).join(','))].join('\r\n') + '\r\n';
  if (format === 'md') return formatMarkdown(report, rows);
  if (format === 'html') return formatHtml(report, rows);
  return formatTable(report, rows, layout);
}


function formatMarkdown(report: AuditReport, rows: KeyRow[]): string {
  const lines = [`# keyaudit report`, '', `Audit of ${report.finishedAt}. ${summaryLine(report)}.`, ''];
  for (const connection of report.connections) {
    lines.push(`- **${mdCell(connection.label)}** (${connection.exchange}): ${connection.status}${connection.errorKind ? `, ${connection.errorKind}` : ''}`);
    for (const failed of connection.failedAccounts) lines.push(`  - ${mdCell(failed.account)}: ${mdCell(failed.message)}`);
    for (const message of noteText(connection)) lines.push(`  - could not see: ${mdCell(message)}`);
  }
  lines.push('', '## Findings', '');
  const keysByRef = new Map(report.keys.map((key) => [key.ref, key]));
  for (const finding of report.findings.filter((candidate) => !candidate.accepted)) {
    const key = keysByRef.get(finding.keyRef);
    const where = key ? `${key.exchange} / ${key.account.name} / ${key.label} (${key.apiKey})` : finding.keyRef;
    lines.push(`- **${finding.severity.toUpperCase()}** ${mdCell(finding.title)}: ${mdCell(where)}. ${mdCell(finding.why)} *Fix:* ${mdCell(finding.fix)}`);
  }
  lines.push('', '## Keys', '', `| ${COLUMNS.join(' | ')} |`, `|${COLUMNS.map(() => '---').join('|')}|`);
  for (const row of rows) lines.push(`| ${COLUMNS.map((column) => mdCell(row[column])).join(' | ')} |`);
  return lines.join('\n') + '\n';
}

/**
 * The terminal table, most telling columns first: what is worst about the key and why, where it lives and from
 * where it can be used; the rest is dropped (then cut) to fit the terminal, and comes back with --wide.
 */
const TABLE_COLUMNS: ColumnSpec<KeyRow>[] = [
  { header: 'RISK', cell: (row) => row.worst, maxWidth: 8, minWidth: 8, dropOrder: null },
  { header: 'EXCHANGE', cell: (row) => row.exchange, maxWidth: 8, minWidth: 7, dropOrder: null },
  { header: 'ACCOUNT', cell: (row) => row.account, maxWidth: 24, minWidth: 10, dropOrder: null },
  { header: 'LABEL', cell: (row) => row.label, maxWidth: 24, minWidth: 10, dropOrder: null },
  { header: 'WHY', cell: (row) => row.topFinding, maxWidth: 48, minWidth: 28, dropOrder: null },
  { header: 'IP WHITELIST', cell: (row) => row.ipWhitelist, maxWidth: 24, minWidth: 12, dropOrder: 3 },
  { header: 'KEY', cell: (row) => row.apiKey, maxWidth: 9, minWidth: 9, dropOrder: 4 },
  { header: 'NOTES', cell: (row) => row.notes, maxWidth: 32, minWidth: 16, dropOrder: 5 },
  // Who to ask about the key; kept longer than the notes and permissions, which the detail panel and --wide show.
  { header: 'OWNER', cell: (row) => ownerCell(row), maxWidth: 24, minWidth: 10, dropOrder: 4.5 },
  { header: 'PERMISSIONS', cell: (row) => row.permissions, maxWidth: 40, minWidth: 16, dropOrder: 6 },
  { header: 'CREATED', cell: (row) => row.createdAt, maxWidth: 10, minWidth: 10, dropOrder: 7 },
];

/** "ana #bot #prod": the owner, then the tags. */
const ownerCell = (row: KeyRow) => [row.owner, ...(row.tags ? row.tags.split(' ').map((tag) => `#${tag}`) : [])].filter(Boolean).join(' ');

function formatTable(report: AuditReport, rows: KeyRow[], layout: TableLayout): string {
  // Exchange text reaches a terminal here: no escape sequence may pass (toPrintableText); 400 is only a ceiling for
  // --wide. A cut key id identifies nothing, so the narrow table shows the masked form and --wide the whole id.
  const printable = rows.map((row) => {
    const cells = Object.fromEntries(Object.entries(row).map(([name, value]) => [name, toPrintableText(value, 400)])) as KeyRow;
    return layout.wide ? cells : { ...cells, apiKey: maskApiKey(cells.apiKey) };
  });
  const width = layout.wide ? undefined : layout.width;
  // Said in full before the table: a gap in what the audit saw is no cell to be clipped.
  const gaps = report.connections.flatMap((connection) =>
    noteText(connection).flatMap((message) => wrap(`${toPrintableText(connection.label, 64)}: ${toPrintableText(message, 400)}`, width, '  ')),
  );
  const gapLines = gaps.length > 0 ? ['', 'Could not see:', ...gaps] : [];
  const table = fitColumns(TABLE_COLUMNS, printable, layout);
  const hiddenLine = table.hidden.length > 0 ? ['', ...wrap(`Not shown at ${layout.width} columns: ${table.hidden.join(', ').toLowerCase()}. --wide shows every column, uncut, with whole key ids.`, width, '')] : [];
  return [...wrap(summaryLine(report), width, ''), ...gapLines, '', ...table.lines, ...hiddenLine].join('\n') + '\n';
}

/** A paragraph as lines of at most `width`, broken at spaces; lines after the first are indented two more. */
function wrap(text: string, width: number | undefined, indent: string): string[] {
  if (width === undefined) return [`${indent}${text}`];
  const lines: string[] = [];
  let line = indent;
  for (const word of text.split(' ')) {
    const candidate = line.trim() === '' ? `${line}${word}` : `${line} ${word}`;
    if ([...candidate].length > width && line.trim() !== '') {
      lines.push(line);
      line = `${indent}  ${word}`;
    } else line = candidate;
  }
  return [...lines, line];
}
