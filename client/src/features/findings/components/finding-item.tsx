import { useRef, useState } from 'react';
import type { Finding } from '@contract/finding.ts';
import { SeverityBadge } from '../../../components/severity-badge.tsx';
import { formatCalendarDay } from '../../../utils/calendar-day.ts';
import { AcceptRiskForm } from './accept-risk-form.tsx';
import { KeyDeadlineNote } from './key-deadline-note.tsx';

type AcceptMode = 'idle' | 'form' | 'saved';

/** One finding in a key's details: how bad, what, why, how to fix, and its acceptance if any. */
export function FindingItem({
  finding,
  acceptUnavailableReason = null,
  fix,
}: {
  finding: Finding;
  acceptUnavailableReason?: string | null;
  /** A fix keyaudit can apply itself (restrict the key), offered beside the written one. */
  fix?: { label: string; onClick: () => void };
}) {
  const [mode, setMode] = useState<AcceptMode>('idle');
  // A stable element for focus: its content changes from button to form to the acceptance.
  const acceptanceRef = useRef<HTMLDivElement>(null);
  const { acceptance } = finding;
  const onDone = (accepted: boolean) => {
    setMode(accepted ? 'saved' : 'idle');
    requestAnimationFrame(() => {
      const target = accepted ? acceptanceRef.current : acceptanceRef.current?.querySelector('button');
      target?.focus();
    });
  };
  return (
    <li className={`finding finding-${finding.severity}${acceptance ? ' finding-accepted' : ''}`}>
      <div className="finding-head">
        <SeverityBadge level={finding.severity} />
        <h4 className="finding-title">{finding.title}</h4>
        {acceptance && <span className="severity-badge severity-accepted">Accepted</span>}
      </div>
      <p>{finding.why}</p>
      {finding.deadline && <KeyDeadlineNote deadline={finding.deadline} />}
      <p>
        <strong>Fix:</strong> {finding.fix}
      </p>
      {fix && !acceptance && (
        <button type="button" className="button-secondary button-small finding-fix" aria-label={`${fix.label}: ${finding.title}`} onClick={fix.onClick} disabled={acceptUnavailableReason !== null}>
          {fix.label}
        </button>
      )}
      <div ref={acceptanceRef} tabIndex={-1} className="finding-acceptance">
        {acceptance ? (
          <p className="acceptance">
            Accepted until {formatCalendarDay(acceptance.expiresAt)}: {acceptance.reason}
          </p>
        ) : mode === 'saved' ? (
          <p role="status" className="muted">
            Risk accepted. Updating the audit…
          </p>
        ) : mode === 'form' ? (
          <AcceptRiskForm finding={finding} onDone={onDone} />
        ) : (
          <button
            type="button"
            className="button-secondary button-small"
            aria-label={`Accept risk: ${finding.title}`}
            disabled={acceptUnavailableReason !== null}
            title={acceptUnavailableReason ?? undefined}
            onClick={() => setMode('form')}
          >
            Accept risk
          </button>
        )}
      </div>
    </li>
  );
}
