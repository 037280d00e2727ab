import type { ReactNode } from 'react';
import { ExportButtons } from '../../report/components/export-buttons.tsx';

type AuditToolbarProps = {
  /** An audit is being read: the status line shows `statusText` and Refresh waits. */
  isAuditing: boolean;
  statusText: ReactNode;
  /** A complete run is on screen: the report can be exported (the server exports its completed run). */
  canExport: boolean;
  onRefresh: () => void;
};

/** Title, live progress ("3 of 8 accounts", the connections still being read), the report exports and the Refresh button. */
export function AuditToolbar({ isAuditing, statusText, canExport, onRefresh }: AuditToolbarProps) {
  return (
    <div className="toolbar">
      <div className="toolbar-title">
        <h1 id="keys-title" tabIndex={-1}>
          API keys
        </h1>
      </div>
      <div className="toolbar-actions">
        <p role="status" className="progress-text">
          {isAuditing && (
            <>
              <span className="spinner" aria-hidden="true" />
              {statusText}
            </>
          )}
        </p>
        {canExport && <ExportButtons />}
        <button type="button" className="button-secondary" onClick={onRefresh} disabled={isAuditing} aria-busy={isAuditing}>
          {isAuditing ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
    </div>
  );
}
