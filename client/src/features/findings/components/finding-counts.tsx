import { SEVERITIES } from '@contract/finding.ts';
import { SEVERITY_LABELS } from '../../../components/severity-badge.tsx';
import type { FindingCounts as Counts } from '../utils/index-findings.ts';

/** Open findings per severity, accepted ones apart: the first thing to read after an audit. */
export function FindingCounts({ counts }: { counts: Counts }) {
  return (
    <ul className="finding-counts" aria-label="Open findings by severity">
      {SEVERITIES.map((severity) => (
        <li key={severity} className={`count-tile count-${severity}${counts.open[severity] === 0 ? ' count-zero' : ''}`}>
          <span className="count-number">{counts.open[severity]}</span> <span className="count-label">{SEVERITY_LABELS[severity]}</span>
        </li>
      ))}
      <li className="count-tile count-accepted" title="Accepted risks are listed but not counted as open">
        <span className="count-number">{counts.accepted}</span> <span className="count-label">Accepted</span>
      </li>
    </ul>
  );
}
