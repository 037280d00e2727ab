import type { AuditedKey } from '@contract/audited-key.ts';
import type { AuditRun } from '@contract/audit-run.ts';
import { useAudit } from '../api/get-audit.ts';
import { KeyBrowser } from './key-browser.tsx';
import { KeyTableSkeleton } from './key-table-skeleton.tsx';
import { AuditToolbar } from './audit-toolbar.tsx';
import { SummaryBand } from './summary-band.tsx';

type KeysPanelProps = {
  onRevokeKey: (key: AuditedKey) => void;
  /** The bulk revoke: every selected key, revocable or not (the dialog says which it skips). */
  onRevokeKeys?: (keys: AuditedKey[]) => void;
};

/** The Keys view: audit progress, the summary band, and the key list in its loading/empty/error states. */
export function KeysPanel({ onRevokeKey, onRevokeKeys = () => {} }: KeysPanelProps) {
  const audit = useAudit();
  return (
    <section className="keys-panel" aria-labelledby="keys-title">
      <AuditToolbar audit={audit} />
      {audit.isError && (
        <div role="alert" className="error-panel">
          <p>
            <strong>The audit could not run.</strong> {audit.error.message}
          </p>
          <button type="button" className="button-secondary" onClick={() => audit.refetch()} disabled={audit.isFetching}>
            Retry
          </button>
        </div>
      )}
      {audit.isPending && !audit.isError && <KeyTableSkeleton />}
      {audit.data && <AuditResult run={audit.data} onRevokeKey={onRevokeKey} onRevokeKeys={onRevokeKeys} />}
    </section>
  );
}

type AuditResultProps = { run: AuditRun; onRevokeKey: (key: AuditedKey) => void; onRevokeKeys: (keys: AuditedKey[]) => void };

function AuditResult({ run, onRevokeKey, onRevokeKeys }: AuditResultProps) {
  return (
    <>
      <SummaryBand run={run} />
      {run.keys.length === 0 ? (
        <EmptyState connectionCount={run.connections.length} />
      ) : (
        <KeyBrowser run={run} onRevokeKey={onRevokeKey} onRevokeKeys={onRevokeKeys} />
      )}
    </>
  );
}

function EmptyState({ connectionCount }: { connectionCount: number }) {
  return (
    <div className="empty-state">
      <h2>No keys found</h2>
      {connectionCount === 0 ? (
        <p>There is nothing to audit yet. Add an exchange API key under Connections, then refresh.</p>
      ) : (
        <p>
          The audit reached {connectionCount} {connectionCount === 1 ? 'connection' : 'connections'} but found no keys. If you
          expected some, check the connection status above: listing sub-account keys needs a master key with the
          General (read) permission.
        </p>
      )}
    </div>
  );
}
