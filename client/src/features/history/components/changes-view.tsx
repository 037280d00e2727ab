import { useId, useState } from 'react';
import { SEVERITIES } from '@contract/finding.ts';
import type { ChangesReport, RunSummary } from '@contract/history.ts';
import { SEVERITY_LABELS } from '../../../components/severity-badge.tsx';
import { useNow } from '../../../utils/use-now.ts';
import { useHistoryStatus } from '../api/get-history-status.ts';
import { useHistoryRuns } from '../api/get-history-runs.ts';
import { useHistoryChanges } from '../api/get-history-changes.ts';
import { describeRun } from '../utils/describe-run.ts';
import { ChangeItem } from './change-item.tsx';

/** The Changes view: what changed between two recorded audits, the last two unless others are picked. */
export function ChangesView() {
  const status = useHistoryStatus();
  return (
    <section aria-labelledby="changes-title" className="changes-view">
      <div className="toolbar">
        <h1 id="changes-title">Changes</h1>
      </div>
      {status.isPending && <p role="status">Loading history…</p>}
      {status.isError && <LoadError message={status.error.message} onRetry={() => void status.refetch()} />}
      {status.data?.state === 'unavailable' && (
        <div role="alert" className="error-panel">
          <p>
            <strong>History is unavailable: {status.data.reason}</strong>
          </p>
          <p>Audits and revokes work as usual; they are just not remembered.</p>
        </div>
      )}
      {status.data?.state === 'locked' && <p className="empty-state">Unlock the vault to read the history: it is encrypted under the vault's key.</p>}
      {status.data?.state === 'available' && <ChangesBetweenRuns />}
    </section>
  );
}

function LoadError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div role="alert" className="error-panel">
      <p>Could not load the history. {message}</p>
      <button type="button" className="button-secondary" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}

function ChangesBetweenRuns() {
  const runs = useHistoryRuns();
  const [picked, setPicked] = useState<{ from: number; to: number } | null>(null);
  const list = runs.data ?? [];
  const enough = list.length >= 2;
  const chosen = picked ?? (enough ? { from: list[1].runId, to: list[0].runId } : null);
  const changes = useHistoryChanges(chosen ?? {}, { enabled: chosen !== null });
  if (runs.isPending) return <p role="status">Loading the recorded audits…</p>;
  if (runs.isError) return <LoadError message={runs.error.message} onRetry={() => void runs.refetch()} />;
  if (!enough || !chosen) {
    return (
      <div className="empty-state">
        <h2>Nothing to compare yet</h2>
        <p>
          keyaudit records every audit. {list.length === 1 ? 'One audit is recorded so far' : 'No audit is recorded yet'}; once there are two, what
          changed between them shows here. Refresh the audit on the Keys view to record another.
        </p>
      </div>
    );
  }
  return (
    <>
      <RunPickers runs={list} from={chosen.from} to={chosen.to} onChange={setPicked} />
      {changes.isPending && <p role="status">Comparing the two audits…</p>}
      {changes.isError && <LoadError message={changes.error.message} onRetry={() => void changes.refetch()} />}
      {changes.data && <ChangeList report={changes.data} isUpdating={changes.isPlaceholderData} />}
    </>
  );
}

function RunPickers({ runs, from, to, onChange }: { runs: RunSummary[]; from: number; to: number; onChange: (pair: { from: number; to: number }) => void }) {
  const nowMs = useNow(60_000);
  const fromId = useId();
  const toId = useId();
  const options = runs.map((run) => (
    <option key={run.runId} value={run.runId}>
      {describeRun(run, nowMs)}
    </option>
  ));
  return (
    <div className="run-pickers">
      <span className="run-picker">
        <label htmlFor={fromId}>From</label>
        <select id={fromId} value={from} onChange={(event) => onChange({ from: Number(event.target.value), to })}>
          {options}
        </select>
      </span>
      <span className="run-picker">
        <label htmlFor={toId}>To</label>
        <select id={toId} value={to} onChange={(event) => onChange({ from, to: Number(event.target.value) })}>
          {options}
        </select>
      </span>
    </div>
  );
}

function ChangeList({ report, isUpdating }: { report: ChangesReport | null; isUpdating: boolean }) {
  if (!report) return <p className="empty-state">Nothing to compare yet.</p>;
  const counts = SEVERITIES.map((severity) => [severity, report.changes.filter((change) => change.severity === severity).length] as const).filter(([, count]) => count > 0);
  const total = report.changes.length;
  return (
    <div aria-busy={isUpdating}>
      <p role="status" className="changes-count">
        {total === 0
          ? `No changes from run ${report.from.runId} to run ${report.to.runId}.`
          : `${total} ${total === 1 ? 'change' : 'changes'} from run ${report.from.runId} to run ${report.to.runId}: ${counts.map(([severity, count]) => `${count} ${SEVERITY_LABELS[severity].toLowerCase()}`).join(', ')}.`}
      </p>
      {total > 0 && (
        <ul className="change-list" aria-label={`Changes from run ${report.from.runId} to run ${report.to.runId}`}>
          {report.changes.map((change, index) => (
            <ChangeItem key={`${change.kind}:${change.keyId ?? change.connectionId}:${change.ruleId ?? ''}:${change.account?.name ?? ''}:${index}`} change={change} />
          ))}
        </ul>
      )}
    </div>
  );
}
