import type { AuditReport } from '@contract/audit-report.ts';
import { SEVERITIES } from '@contract/finding.ts';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';

export type KeyRow = {
  exchange: string; account: string; label: string; apiKey: string; worst: string; findings: string; permissions: string; ipWhitelist: string; createdAt: string;
  /** What else a reader must know of the key: held by keyaudit, linked to a third party, what the exchange did not say. */
  notes: string;
  /**
   * What the audit of the key's connection could not see, as gap codes like the findings column's rule ids (CSV only:
   * the other formats say it in words, once per connection).
   */
  couldNotSee: string;
  /** The worst open finding's title, and how many more there are: why the key is on the list. */
  topFinding: string;
  /** What keyaudit understood the permissions as, uncertain ones marked "?". */
  capabilities: string;
  expiresAt: string;
  lastUsedAt: string;
  /** Accepted findings' rule ids, and for each the reason and until when, as the policy file holds them. */
  acceptedFindings: string;
  acceptances: string;
  /** Who uses the key and what for, as the user wrote it; tags space-separated (a tag holds no space). */
  owner: string;
  purpose: string;
  tags: string;
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

/** What a connection's audit could not see, one sentence per gap. */
export const noteText = (connection: AuditReport['connections'][number]) => (connection.notes ?? []).map((note) => note.message);

/** One row per key, worst finding first: the shape the table, CSV and Markdown share. */
export function toKeyRows(report: AuditReport): KeyRow[] {
  const couldNotSee = new Map(report.connections.map((connection) => [connection.id, (connection.notes ?? []).map((note) => note.gap).join(' ')]));
  const rank = (severity: string) => SEVERITIES.indexOf(severity as (typeof SEVERITIES)[number]);
  // Grouped once: a 50,000-key report must not scan every finding for every key.
  const findingsByKey = new Map<string, AuditReport['findings']>();
  for (const finding of report.findings) {
    const list = findingsByKey.get(finding.keyRef);
    if (list) list.push(finding);
    else findingsByKey.set(finding.keyRef, [finding]);
  }
  return report.keys
    .map((key) => {
      const own = findingsByKey.get(key.ref) ?? [];
      const open = own.filter((finding) => !finding.accepted).sort((a, b) => rank(a.severity) - rank(b.severity));
      const accepted = own.filter((finding) => finding.accepted);
      return {
        exchange: key.exchange,
        account: key.account.kind === 'master' ? 'master' : key.account.name,
        label: key.label,
        apiKey: key.apiKey,
        worst: open[0]?.severity ?? '',
        findings: open.map((finding) => finding.ruleId).join(' '),
        topFinding: open.length === 0 ? '' : `${open[0].title}${open.length > 1 ? ` (+${open.length - 1})` : ''}`,
        capabilities: [...new Set(key.capabilities.map((grant) => `${grant.capability}${grant.isUncertain ? '?' : ''}`))].join(' '),
        expiresAt: key.expiresAt ?? '',
        lastUsedAt: key.lastUsedAt ?? '',
        acceptedFindings: accepted.map((finding) => finding.ruleId).join(' '),
        acceptances: accepted.map((finding) => `${finding.ruleId}: ${finding.acceptance?.reason ?? ''} (until ${finding.acceptance?.expiresAt.slice(0, 10) ?? '?'})`).join('; '),
        permissions: key.permissions.join(','),
        ipWhitelist: whitelistText(key),
        createdAt: key.createdAt?.slice(0, 10) ?? '',
        notes: keyNotes(key),
        couldNotSee: (key.connectionId && couldNotSee.get(key.connectionId)) || '',
        owner: key.owner ?? '',
        purpose: key.purpose ?? '',
        tags: (key.tags ?? []).join(' '),
      };
    })
    .sort((a, b) => (a.worst ? rank(a.worst) : 99) - (b.worst ? rank(b.worst) : 99));
}

/** One line: how many keys, accounts and connections, and the open findings by severity. */
export function summaryLine(report: AuditReport): string {
  const counts = SEVERITIES.map((severity) => `${report.summary.findings[severity]} ${severity}`).join(', ');
  return `${report.summary.keys} keys in ${report.summary.accounts} accounts on ${report.summary.connections} connections; findings: ${counts}`;
}
