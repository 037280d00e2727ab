import type { UseQueryResult } from '@tanstack/react-query';
import type { AuditRun } from '@contract/audit-run.ts';
import { ExportButtons } from '../../report/components/export-buttons.tsx';
import { useAuditProgress } from '../api/get-audit-progress.ts';

type AuditToolbarProps = {
  audit: UseQueryResult<AuditRun, Error>;
  /** The table shows the keys found so far, not a complete run: the status line says so. */
  isShowingPartial?: boolean;
};

/** Title, live progress ("3 of 8 accounts"), the report exports and the Refresh button. */
export function AuditToolbar({ audit, isShowingPartial = false }: AuditToolbarProps) {
  const progress = useAuditProgress(audit.isFetching, audit.dataUpdatedAt);
  const connectionCount = audit.data?.connections.length;
  const auditing =
    connectionCount === undefined
      ? 'Auditing your connections…'
      : `Auditing ${connectionCount} ${connectionCount === 1 ? 'connection' : 'connections'}…`;
  const accounts = progress.data && progress.data.accountsTotal > 0 ? progress.data : null;
  const accountsText = accounts && `${accounts.accountsDone} of ${accounts.accountsTotal} accounts`;
  const statusText = isShowingPartial
    ? `Still auditing — ${accountsText ? `${accountsText}, ` : ''}showing what is found so far`
    : `${auditing}${accountsText ? ` ${accountsText}` : ''}`;
  return (
    <div className="toolbar">
      <div className="toolbar-title">
        <h1 id="keys-title" tabIndex={-1}>
          API keys
        </h1>
      </div>
      <div className="toolbar-actions">
        <p role="status" className="progress-text">
          {audit.isFetching && (
            <>
              <span className="spinner" aria-hidden="true" />
              {statusText}
            </>
          )}
        </p>
        {audit.data && <ExportButtons />}
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
