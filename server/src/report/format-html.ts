import type { AuditReport } from '@contract/audit-report.ts';
import { SEVERITIES } from '@contract/finding.ts';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import { toPrintableText } from '@contract/printable-text.ts';
import { noteText, summaryLine, type KeyRow } from './key-rows.ts';

/**
 * The report as one self-contained HTML page for compliance files and due-diligence questionnaires: it opens offline,
 * prints cleanly to PDF from any browser, and can do nothing else. Its own CSP forbids every fetch and script (no
 * exchange text can load a tracking image or run), every text is escaped, and the style is inline.
 */
export function formatHtml(report: AuditReport, rows: KeyRow[]): string {
  const open = report.findings.filter((finding) => !finding.accepted);
  const accepted = report.findings.filter((finding) => finding.accepted);
  const keysByRef = new Map(report.keys.map((key) => [key.ref, key]));
  const where = (keyRef: string) => {
    const key = keysByRef.get(keyRef);
    return key ? `${EXCHANGE_NAMES[key.exchange]} / ${key.account.kind === 'master' ? 'master' : key.account.name} / ${key.label} (${key.apiKey})` : keyRef;
  };
  const rank = (severity: string) => SEVERITIES.indexOf(severity as (typeof SEVERITIES)[number]);
  const sortedOpen = [...open].sort((a, b) => rank(a.severity) - rank(b.severity));

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'">
<meta name="referrer" content="no-referrer">
<title>keyaudit report ${text(report.finishedAt.slice(0, 10))}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>keyaudit report</h1>
<p>Audit finished ${text(report.finishedAt)}; report generated ${text(report.generatedAt)}.</p>
<p>${text(summaryLine(report))}.</p>
${report.scope ? `<p class="scope"><strong>Partial export:</strong> ${report.scope.keys} of ${report.scope.ofKeys} keys, chosen by: ${text(report.scope.description)}.</p>` : ''}
</header>
<section aria-labelledby="connections">
<h2 id="connections">Connections, and what each audit could not see</h2>
<table>
<thead><tr><th scope="col">Connection</th><th scope="col">Exchange</th><th scope="col">Status</th><th scope="col">Not read or not shown by the exchange</th></tr></thead>
<tbody>
${report.connections
  .map((connection) => {
    const gaps = [...connection.failedAccounts.map((failed) => `${failed.account}: ${failed.message}`), ...noteText(connection)];
    return `<tr><td>${text(connection.label)}</td><td>${text(EXCHANGE_NAMES[connection.exchange])}</td><td>${text(connection.status)}${connection.errorKind ? ` (${text(connection.errorKind)})` : ''}</td><td>${gaps.length === 0 ? '—' : `<ul>${gaps.map((gap) => `<li>${text(gap)}</li>`).join('')}</ul>`}</td></tr>`;
  })
  .join('\n')}
</tbody>
</table>
</section>
<section aria-labelledby="findings">
<h2 id="findings">Open findings (${open.length})</h2>
${sortedOpen.length === 0 ? '<p>None.</p>' : `<ol class="findings">${sortedOpen.map((finding) => `<li class="sev-${finding.severity}"><p><span class="sev">${text(finding.severity.toUpperCase())}</span> <strong>${text(finding.title)}</strong>: ${text(where(finding.keyRef))}</p><p>${text(finding.why)}</p><p><em>Fix:</em> ${text(finding.fix)}</p></li>`).join('\n')}</ol>`}
</section>
<section aria-labelledby="accepted">
<h2 id="accepted">Accepted risks (${accepted.length})</h2>
${accepted.length === 0 ? '<p>None.</p>' : `<table><thead><tr><th scope="col">Finding</th><th scope="col">Key</th><th scope="col">Reason</th><th scope="col">Until</th></tr></thead><tbody>${accepted.map((finding) => `<tr><td>${text(finding.severity)}: ${text(finding.title)}</td><td>${text(where(finding.keyRef))}</td><td>${text(finding.acceptance?.reason ?? '')}</td><td>${text(finding.acceptance?.expiresAt.slice(0, 10) ?? '')}</td></tr>`).join('\n')}</tbody></table>`}
</section>
<section aria-labelledby="keys">
<h2 id="keys">Keys (${rows.length})</h2>
<table class="keys">
<colgroup>${KEY_COLUMNS.map(([, , share]) => `<col style="width:${share}%">`).join('')}</colgroup>
<thead><tr>${KEY_COLUMNS.map(([, title]) => `<th scope="col">${title}</th>`).join('')}</tr></thead>
<tbody>
${rows.map((row) => `<tr>${KEY_COLUMNS.map(([column]) => `<td${CELL_CLASS[column] ? ` class="${CELL_CLASS[column]}"` : ''}>${text(cellText(row, column))}</td>`).join('')}</tr>`).join('\n')}
</tbody>
</table>
</section>
<footer><p>Written by keyaudit on the auditor's own machine. Key ids are public identifiers; no secret is in this file.</p></footer>
</body>
</html>
`;
}

/** Column, heading, and share of the page's width: a fixed layout, so no long id or e-mail can push the table off the page. */
const KEY_COLUMNS: [keyof KeyRow, string, number][] = [
  ['worst', 'Worst', 6],
  ['exchange', 'Exchange', 7],
  ['account', 'Account', 10],
  ['label', 'Label', 9],
  ['apiKey', 'API key', 10],
  ['permissions', 'Permissions (exchange’s words)', 10],
  ['capabilities', 'Understood as', 7],
  ['ipWhitelist', 'IP whitelist', 8],
  ['createdAt', 'Created', 6],
  ['expiresAt', 'Expires', 6],
  ['lastUsedAt', 'Last used', 6],
  ['topFinding', 'Worst open finding', 11],
  ['acceptances', 'Accepted', 8],
  ['notes', 'Notes', 8],
  ['owner', 'Owner, tags', 7],
];

/** Ids in a monospace face; lists break after their commas; dates without their time. */
const CELL_CLASS: Partial<Record<keyof KeyRow, string>> = { apiKey: 'id' };
const cellText = (row: KeyRow, column: keyof KeyRow) => {
  const value = row[column];
  if (column === 'expiresAt' || column === 'lastUsedAt') return value.slice(0, 10);
  if (column === 'permissions') return value.replaceAll(',', ', ');
  if (column === 'owner') return [row.owner, row.tags && `#${row.tags.replaceAll(' ', ' #')}`, row.purpose].filter(Boolean).join(' · ');
  return value;
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Exchange text as inert HTML text: control and bidi characters gone (toPrintableText), markup characters escaped. */
const text = (value: string) => toPrintableText(value, 10_000).replace(/[&<>"']/g, (char) => ESCAPES[char]);

const STYLE = `
:root { color-scheme: light; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; color: #1b2130; }
body { margin: 24px; font-size: 13px; line-height: 1.45; }
h1 { font-size: 22px; margin: 0 0 6px; }
h2 { font-size: 16px; margin: 24px 0 8px; border-bottom: 1px solid #d9dde4; padding-bottom: 4px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #d9dde4; padding: 4px 6px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
.keys { table-layout: fixed; }
.keys td { overflow-wrap: anywhere; }
.id { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 10px; }
thead th { background: #eef1f5; }
ul { margin: 0; padding-left: 18px; }
.scope { background: #fff3d6; border: 1px solid #f1d08a; padding: 6px 10px; }
.findings { padding-left: 20px; }
.findings li { margin-bottom: 10px; }
.findings p { margin: 2px 0; }
.sev { display: inline-block; font-weight: 700; font-size: 11px; padding: 0 6px; border-radius: 4px; border: 1px solid currentColor; }
.sev-critical .sev { color: #7f1d1d; background: #fdecec; }
.sev-high .sev { color: #7c2d12; background: #fff1e6; }
.sev-medium .sev { color: #7c4a03; background: #fff3d6; }
.sev-low .sev, .sev-info .sev { color: #334155; background: #eef1f5; }
.keys { font-size: 11px; }
footer { margin-top: 24px; color: #556070; font-size: 11px; }
@media print {
  body { margin: 0; }
  thead { display: table-header-group; }
  tr, li { break-inside: avoid; }
  h2 { break-after: avoid; }
  @page { size: A4 landscape; margin: 12mm; }
}`;
