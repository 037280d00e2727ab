import type { UseQueryResult } from '@tanstack/react-query';
import type { AuditRun } from '@contract/audit-run.ts';
import { formatAbsoluteTime, formatRelativeTime } from '../../../utils/format-relative-time.ts';

/** Title, when the audit last ran, live progress and the Refresh button. */
export function AuditToolbar({ audit }: { audit: UseQueryResult<AuditRun, Error> }) {
  const run = audit.data;
  const connectionCount = run?.connections.length;
  const progress =
    connectionCount === undefined
      ? 'Auditing your connections…'
      : `Auditing ${connectionCount} ${connectionCount === 1 ? 'connection' : 'connections'}…`;
  return (
    <div className="toolbar">
      <div className="toolbar-title">
        <h1 id="keys-title" tabIndex={-1}>
          API keys
        </h1>
        {run && (
          <span className="muted">
            {run.keys.length} {run.keys.length === 1 ? 'key' : 'keys'} · audited{' '}
            <time dateTime={run.finishedAt} title={formatAbsoluteTime(new Date(run.finishedAt))}>
              {formatRelativeTime(new Date(run.finishedAt))}
            </time>
          </span>
        )}
      </div>
      <div className="toolbar-actions">
        <p role="status" className="progress-text">
          {audit.isFetching && (
            <>
              <span className="spinner" aria-hidden="true" />
              {progress}
            </>
          )}
        </p>
        <button
          type="button"
          className="button-secondary"
          onClick={() => audit.refetch()}
          disabled={audit.isFetching}
          aria-busy={audit.isFetching}
        >
          {audit.isFetching ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
    </div>
  );
}
