import { SEVERITIES, type Finding, type Severity } from '@contract/finding.ts';
import { isAccepted } from './worst-severity.ts';

/** Count per severity (every severity present, zero included), leaving out accepted findings. */
export function summarizeFindings(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const finding of findings) {
    if (!isAccepted(finding)) counts[finding.severity] += 1;
  }
  return counts;
}
