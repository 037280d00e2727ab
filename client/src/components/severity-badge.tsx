import type { Severity } from '@contract/finding.ts';

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

/** What the Severity column shows for a key: its worst open finding, "Accepted" when only accepted ones remain. */
export type SeverityLevel = Severity | 'accepted' | null;

/** A coloured badge that always carries its word too: colour alone says nothing to many readers. */
export function SeverityBadge({ level }: { level: SeverityLevel }) {
  if (level === null) {
    return (
      <span className="severity-none" title="No findings">
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">No findings</span>
      </span>
    );
  }
  const text = level === 'accepted' ? 'Accepted' : SEVERITY_LABELS[level];
  return <span className={`severity-badge severity-${level}`}>{text}</span>;
}
