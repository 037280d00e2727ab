import type { Finding, Severity } from '@contract/finding.ts';

/** Higher is worse, so "worst" is the maximum and sorting worst-first is a descending sort. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = {
  critical: 4,
  high: 3,
  medium: 2,
  low: 1,
  info: 0,
};

export function isAccepted(finding: Finding): boolean {
  return finding.acceptance != null;
}

/**
 * The worst severity among findings a person still has to act on, or null when there are none.
 * A key can carry several findings; its badge (and the CLI's exit code) follows the worst one.
 * Accepted findings are left out: the user has decided about them until the acceptance expires.
 */
export function worstSeverity(findings: readonly Finding[]): Severity | null {
  let worst: Severity | null = null;
  for (const finding of findings) {
    if (isAccepted(finding)) continue;
    if (worst === null || SEVERITY_RANK[finding.severity] > SEVERITY_RANK[worst]) worst = finding.severity;
  }
  return worst;
}
