import type { UpcomingDeadline } from '@contract/alert-webhook.ts';
import type { Change } from '@contract/history.ts';
import { SEVERITIES, type Severity } from '@contract/finding.ts';

/** Days before a deadline at which it is announced: once within a week, again on the last day (policy.json alerts.deadlineAlertDays). */
export const DEADLINE_ALERT_POINTS = [7, 1] as const;

export type AlertContent = { changes: Change[]; upcomingDeadlines: UpcomingDeadline[]; factIds: string[] };

/**
 * A fact's identity as text. It names keys and connections, so it is never stored as such: the history keeps
 * an HMAC of it under the history key (sqlite-history-store.ts, claimAlertFacts).
 */
const factId = (parts: unknown[]) => JSON.stringify(parts);

const CONNECTION_KINDS: readonly Change['kind'][] = ['connection-failing', 'connection-recovered'];

/**
 * A change is an event between two runs: the same change from the same baseline run is one fact, whichever
 * process computed it. A key that gains withdraw, loses it and gains it again raises a new fact the second time.
 */
export function changeFactId(change: Change, fromRunId: number): string {
  return factId(['change', fromRunId, change.kind, change.connectionId, change.keyId, change.account, change.ruleId ?? null, change.after ?? null]);
}

/** A deadline is announced once per alert point: at 7 days, then at 1 day; a moved deadline is a new fact. */
export function deadlineFactId(item: UpcomingDeadline, point: number): string {
  return factId(['deadline', item.connectionId, item.exchange, item.account, item.apiKey, item.deadline.ruleId, item.deadline.dueAt, point]);
}

/**
 * What one run's message should hold for a channel: the changes at or above their trigger's threshold and the
 * deadlines that crossed an alert point, minus every fact already sent (`wasSent`, kept in history across runs).
 * `factIds` are what to record as sent.
 */
export function selectAlertContent({ changes, deadlines, minSeverity, connectionsMinSeverity = minSeverity, deadlinePoints = DEADLINE_ALERT_POINTS, fromRunId = 0, wasSent }: {
  changes: readonly Change[];
  deadlines: readonly UpcomingDeadline[];
  /** For changes of keys and accounts. */
  minSeverity: Severity;
  /** For connection-failing (high) and connection-recovered (info). */
  connectionsMinSeverity?: Severity;
  deadlinePoints?: readonly number[];
  /** The run the changes were computed from (0: none, every key is new). */
  fromRunId?: number;
  wasSent: (id: string) => boolean;
}): AlertContent {
  const factIds: string[] = [];
  const selectedChanges = changes.filter((change) => {
    const threshold = SEVERITIES.indexOf(CONNECTION_KINDS.includes(change.kind) ? connectionsMinSeverity : minSeverity);
    if (SEVERITIES.indexOf(change.severity) > threshold) return false;
    const id = changeFactId(change, fromRunId);
    if (wasSent(id) || factIds.includes(id)) return false;
    factIds.push(id);
    return true;
  });
  const points = [...deadlinePoints].sort((a, b) => a - b);
  const upcomingDeadlines = deadlines.filter((item) => {
    const point = points.find((days) => item.daysLeft <= days);
    if (point === undefined || item.daysLeft < 0) return false;
    const id = deadlineFactId(item, point);
    if (wasSent(id) || factIds.includes(id)) return false;
    factIds.push(id);
    return true;
  });
  return { changes: selectedChanges, upcomingDeadlines, factIds };
}
