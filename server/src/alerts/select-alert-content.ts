import { createHash } from 'node:crypto';
import type { UpcomingDeadline } from '@contract/alert-webhook.ts';
import type { Change } from '@contract/history.ts';
import { SEVERITIES, type Severity } from '@contract/finding.ts';

/** Days before a deadline at which it is announced: once within a week, again on the last day. */
export const DEADLINE_ALERT_POINTS = [7, 1] as const;

export type AlertContent = { changes: Change[]; upcomingDeadlines: UpcomingDeadline[]; factIds: string[] };

const factId = (parts: unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);

/** The same change of the same key (same kind, rule and outcome) is one fact however many runs report it. */
export function changeFactId(change: Change): string {
  return factId(['change', change.kind, change.connectionId, change.keyId, change.account, change.ruleId ?? null, change.after ?? null]);
}

/** A deadline is announced once per alert point: at 7 days, then at 1 day; a moved deadline is a new fact. */
export function deadlineFactId(item: UpcomingDeadline, point: number): string {
  return factId(['deadline', item.connectionId, item.exchange, item.account, item.apiKey, item.deadline.ruleId, item.deadline.dueAt, point]);
}

/**
 * What one run's message should hold for a channel: the changes at or above `minSeverity` and the deadlines
 * that crossed an alert point, minus every fact already sent (`wasSent`, kept in history across runs).
 * `factIds` are what to record as sent once the message is delivered.
 */
export function selectAlertContent({ changes, deadlines, minSeverity, wasSent }: { changes: readonly Change[]; deadlines: readonly UpcomingDeadline[]; minSeverity: Severity; wasSent: (id: string) => boolean }): AlertContent {
  const threshold = SEVERITIES.indexOf(minSeverity);
  const factIds: string[] = [];
  const selectedChanges = changes.filter((change) => {
    if (SEVERITIES.indexOf(change.severity) > threshold) return false;
    const id = changeFactId(change);
    if (wasSent(id) || factIds.includes(id)) return false;
    factIds.push(id);
    return true;
  });
  const upcomingDeadlines = deadlines.filter((item) => {
    const point = [...DEADLINE_ALERT_POINTS].sort((a, b) => a - b).find((days) => item.daysLeft <= days);
    if (point === undefined || item.daysLeft < 0) return false;
    const id = deadlineFactId(item, point);
    if (wasSent(id) || factIds.includes(id)) return false;
    factIds.push(id);
    return true;
  });
  return { changes: selectedChanges, upcomingDeadlines, factIds };
}
