import type { AuditedKey } from '@contract/audited-key.ts';
import type { AuditRun } from '@contract/audit-run.ts';
import { useAudit } from '../api/get-audit.ts';
import { usePartialAudit } from '../api/get-partial-audit.ts';
import { KeyBrowser } from './key-browser.tsx';
import { KeyTableSkeleton } from './key-table-skeleton.tsx';
import { AuditToolbar } from './audit-toolbar.tsx';
import { SummaryBand } from './summary-band.tsx';

type KeysPanelProps = {
  onRevokeKey: (key: AuditedKey) => void;
  /** The bulk revoke: every selected key, revocable or not (the dialog says which it skips). */
  onRevokeKeys?: (keys: AuditedKey[]) => void;
};

/** Why Revoke waits on keys shown before the audit is done. */
export const REVOKE_WAITS_FOR_AUDIT = 'Revoking is available once the audit has finished.';

/**
 * The Keys view: audit progress, the summary band, and the key list in its loading/empty/error states.
 * Until the first complete run arrives, the keys found so far show as they stream in; a Refresh keeps
 * the previous complete run on screen instead.
 */
export function KeysPanel({ onRevokeKey, onRevokeKeys = () => {} }: KeysPanelProps) {
  const audit = useAudit();
  const isWaitingForFirstRun = audit.isFetching && audit.data === undefined;
  const partial = usePartialAudit(isWaitingForFirstRun, audit.errorUpdatedAt);
  const partialRun = isWaitingForFirstRun && partial.data && partial.data.keys.length > 0 ? partial.data : undefined;
  const run = audit.data ?? partialRun;
  return (
    <section className="keys-panel" aria-labelledby="keys-title">
      <AuditToolbar audit={audit} isShowingPartial={partialRun !== undefined} />
      {audit.isError && !partialRun && (
        <div role="alert" className="error-panel">
          <p>
            <strong>The audit could not run.</strong> {audit.error.message}
          </p>
          <button type="button" className="button-secondary" onClick={() => audit.refetch()} disabled={audit.isFetching}>
            Retry
          </button>
        </div>
      )}
      {audit.isPending && !audit.isError && !run && <KeyTableSkeleton />}
      {run && <AuditResult run={run} isPartial={audit.data === undefined} onRevokeKey={onRevokeKey} onRevokeKeys={onRevokeKeys} />}
    </section>
  );
}

type AuditResultProps = {
  run: AuditRun;
  /** The run is still in flight: what it has read so far. */
  isPartial: boolean;
  onRevokeKey: (key: AuditedKey) => void;
  onRevokeKeys: (keys: AuditedKey[]) => void;
};

/** One tree for the partial and the complete run, so filters, selection and open details survive the switch. */
function AuditResult({ run, isPartial, onRevokeKey, onRevokeKeys }: AuditResultProps) {
  return (
    <>
      <SummaryBand run={run} isPartial={isPartial} />
      {run.keys.length === 0 ? (
        <EmptyState connectionCount={run.connections.length} />
      ) : (
        <KeyBrowser
          run={run}
          revokeUnavailableReason={isPartial ? REVOKE_WAITS_FOR_AUDIT : null}
          onRevokeKey={onRevokeKey}
          onRevokeKeys={onRevokeKeys}
        />
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
