import { SEVERITIES, type Finding, type Severity } from '@contract/finding.ts';

/** Higher is worse, as in the server's rules (server/src/findings/RULES.md). */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 5, high: 4, medium: 3, low: 2, info: 1 };

export type KeyFindings = {
  /** Worst first, open before accepted, as the server orders them. */
  all: Finding[];
  open: Finding[];
  accepted: Finding[];
  /** The worst open finding's severity; null when every finding is accepted, or there is none. */
  worst: Severity | null;
};

export const NO_FINDINGS: KeyFindings = { all: [], open: [], accepted: [], worst: null };

export function isAccepted(finding: Finding): boolean {
  return finding.acceptance !== null && finding.acceptance !== undefined;
}

/** Findings by key id, in one pass: with 5,000 keys, filtering per row would be quadratic. */
export function indexFindings(findings: readonly Finding[]): Map<string, KeyFindings> {
  const byKey = new Map<string, KeyFindings>();
  for (const finding of findings) {
    let entry = byKey.get(finding.keyId);
    if (!entry) byKey.set(finding.keyId, (entry = { all: [], open: [], accepted: [], worst: null }));
    entry.all.push(finding);
    if (isAccepted(finding)) {
      entry.accepted.push(finding);
    } else {
      entry.open.push(finding);
      if (entry.worst === null || SEVERITY_RANK[finding.severity] > SEVERITY_RANK[entry.worst]) entry.worst = finding.severity;
    }
  }
  return byKey;
}

export type FindingCounts = { open: Record<Severity, number>; accepted: number };

/** Open findings per severity, and the accepted ones apart: accepted risks are not counted as open. */
export function countFindings(findings: readonly Finding[]): FindingCounts {
  const open = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  let accepted = 0;
  for (const finding of findings) {
    if (isAccepted(finding)) accepted += 1;
    else open[finding.severity] += 1;
  }
  return { open, accepted };
}
