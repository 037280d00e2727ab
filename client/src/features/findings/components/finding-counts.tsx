import { SEVERITIES, type Severity } from '@contract/finding.ts';
import { SEVERITY_LABELS } from '../../../components/severity-badge.tsx';
import type { FindingCounts as Counts } from '../utils/index-findings.ts';
import { openInPage } from '../../../lib/open-in-page.ts';

type FindingCountsProps = {
  counts: Counts;
  /** Makes each severity a filter button: pressed shows only keys whose worst open finding is that severity. */
  onPick?: (severity: Severity | null) => void;
  picked?: Severity | null;
  /** Makes the Accepted tile a link (to the Accepted risks view). */
  acceptedHref?: string;
};

/** Open findings per severity, accepted ones apart: the first thing to read after an audit. */
export function FindingCounts({ counts, onPick, picked = null, acceptedHref }: FindingCountsProps) {
  return (
    <ul className="finding-counts" aria-label="Open findings by severity">
      {SEVERITIES.map((severity) => {
        const content = (
          <>
            <span className="count-number">{counts.open[severity]}</span> <span className="count-label">{SEVERITY_LABELS[severity]}</span>
          </>
        );
        return (
          <li key={severity} className={`count-tile count-${severity}${counts.open[severity] === 0 ? ' count-zero' : ''}${picked === severity ? ' count-picked' : ''}`}>
            {onPick ? (
              <button
                type="button"
                className="count-filter"
                aria-pressed={picked === severity}
                title={picked === severity ? 'Show every severity again' : `Show only keys whose worst open finding is ${SEVERITY_LABELS[severity].toLowerCase()}`}
                onClick={() => onPick(picked === severity ? null : severity)}
              >
                {content}
              </button>
            ) : (
              content
            )}
          </li>
        );
      })}
      <li className="count-tile count-accepted" title="Accepted risks are listed but not counted as open">
        {acceptedHref ? (
          <a className="count-link" href={acceptedHref} onClick={openInPage} title="See, edit or revoke every accepted risk">
            <span className="count-number">{counts.accepted}</span> <span className="count-label">Accepted</span>
          </a>
        ) : (
          <>
            <span className="count-number">{counts.accepted}</span> <span className="count-label">Accepted</span>
          </>
        )}
      </li>
    </ul>
  );
}
