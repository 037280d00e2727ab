import type { AuditRunState } from '@contract/audit-run-state.ts';
import { auditProgress } from '@contract/audit-run-snapshot.ts';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import { toPrintableText } from '@contract/printable-text.ts';

/**
 * One line saying how far an audit is and what it still waits for, so a terminal is not silent for minutes while
 * an exchange rate-limits: `Auditing: 14 of 21 accounts read · still reading Binance "Main" (3 of 12 sub-accounts)`.
 * Counted as the dashboard counts (auditProgress); fits `width`, cut with "…".
 */
export function describeAuditProgress(state: AuditRunState | null, width: number): string {
  if (!state) return fit('Auditing: reading the connections…', width);
  const { accountsRead, accountsToRead } = auditProgress(state);
  const waitingOn = state.connections
    .filter((connection) => connection.finished === null)
    .map((connection) => {
      const name = `${EXCHANGE_NAMES[connection.exchange]} "${toPrintableText(connection.label, 40)}"`;
      const listed = connection.listedAccounts;
      if (listed === null) return name;
      const subsRead = [...connection.accounts.values()].filter((account) => account.result.account.kind === 'sub').length;
      return `${name} (${subsRead} of ${listed.length} sub-accounts)`;
    });
  const still = waitingOn.length > 0 ? ` · still reading ${waitingOn.join(', ')}` : '';
  return fit(`Auditing: ${accountsRead} of ${accountsToRead} accounts read${still}`, width);
}

function fit(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : chars.slice(0, Math.max(1, width - 1)).join('') + '…';
}
