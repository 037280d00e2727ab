import { describeChangeSides } from '@contract/describe-change.ts';
import { SEVERITIES } from '@contract/finding.ts';
import type { ChangesReport } from '@contract/history.ts';
import { toPrintableText } from '@contract/printable-text.ts';
import { mdCell } from './format-report.ts';

export const CHANGES_FORMATS = ['table', 'json', 'md'] as const;
export type ChangesFormat = (typeof CHANGES_FORMATS)[number];

const day = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** Two short lines (each fits 80 columns): which runs, and how many changes of each severity. */
function headline(report: ChangesReport): [string, string] {
  const counts = SEVERITIES.map((severity) => [severity, report.changes.filter((change) => change.severity === severity).length] as const).filter(([, count]) => count > 0);
  const total = report.changes.length;
  const tally = counts.length > 0 ? `: ${counts.map(([severity, count]) => `${count} ${severity}`).join(', ')}` : '';
  return [`From run ${report.from.runId} (${day(report.from.finishedAt)}) to run ${report.to.runId} (${day(report.to.finishedAt)})`, `${total} ${total === 1 ? 'change' : 'changes'}${tally}`];
}

/**
 * `keyaudit changes` output. The table fits `columns` (the terminal's width; unlimited when stdout is not a
 * terminal) by cutting the sentence, which comes last; every exchange string is made printable first.
 */
export function formatChanges(report: ChangesReport, format: ChangesFormat, { columns }: { columns?: number } = {}): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  if (format === 'md') return formatMarkdown(report);
  return formatTable(report, columns);
}

function formatTable(report: ChangesReport, columns: number | undefined): string {
  const lines: string[] = headline(report);
  if (report.changes.length === 0) return lines.join('\n') + '\n';
  const severityWidth = Math.max('SEVERITY'.length, ...report.changes.map((change) => change.severity.length));
  const kindWidth = Math.max('CHANGE'.length, ...report.changes.map((change) => change.kind.length));
  const prefix = severityWidth + 2 + kindWidth + 2;
  // At least 20 characters of sentence, however narrow the terminal: a cut row beats a wrapped one.
  const room = columns === undefined ? 10_000 : Math.max(20, columns - prefix);
  const row = (severity: string, kind: string, what: string) => `${severity.padEnd(severityWidth)}  ${kind.padEnd(kindWidth)}  ${what}`.trimEnd();
  lines.push('', row('SEVERITY', 'CHANGE', 'WHAT'));
  for (const change of report.changes) {
    const { before, after } = describeChangeSides(change);
    const detail = change.kind === 'permissions-changed' ? ` [${before ?? ''} → ${after ?? ''}]` : '';
    lines.push(row(change.severity, change.kind, toPrintableText(change.summary + detail, room)));
  }
  return lines.join('\n') + '\n';
}

function formatMarkdown(report: ChangesReport): string {
  const [runs, tally] = headline(report);
  const lines = ['# keyaudit changes', '', `${runs}: ${tally}.`, ''];
  if (report.changes.length === 0) return lines.join('\n');
  lines.push('| severity | change | exchange | account | key | what | before | after |', '|---|---|---|---|---|---|---|---|');
  for (const change of report.changes) {
    const { before, after } = describeChangeSides(change);
    const account = change.account ? (change.account.kind === 'master' ? 'master' : change.account.name) : '';
    const key = change.apiKey ? `${change.label ?? ''} (${change.apiKey})` : '';
    lines.push(`| ${[change.severity.toUpperCase(), change.kind, change.exchange, account, key, change.summary, before ?? '', after ?? ''].map(mdCell).join(' | ')} |`);
  }
  return lines.join('\n') + '\n';
}
