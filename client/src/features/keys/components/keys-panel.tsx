import { useCallback, useMemo } from 'react';
import type { AuditedKey } from '@contract/audited-key.ts';
import type { OnRestrictKeys } from './restrict-request.ts';
import type { OnRevokeKeys } from './revoke-request.ts';
import type { AuditRun } from '@contract/audit-run.ts';
import { auditProgress, toAuditRun } from '@contract/audit-run-snapshot.ts';
import { useAudit } from '../api/get-audit.ts';
import { EMPTY_AUDIT_VIEW, shownRunState } from '../api/audit-view.ts';
import { AuditStatusText } from './audit-status-text.tsx';
import { KeyBrowser } from './key-browser.tsx';
import { KeyTableSkeleton } from './key-table-skeleton.tsx';
import { AuditToolbar } from './audit-toolbar.tsx';
import { SummaryBand } from './summary-band.tsx';
import { REVOKE_WAITS_FOR_CONNECTION, RevokeGateContext, STALE_KEY_NOT_ACTIONABLE, type RevokeGate } from './revoke-gate.ts';
import { StaleKeysContext } from './stale-keys.tsx';
import { useLastReadConnections } from '../../history/api/get-last-read-connections.ts';
import { addLastReadKeys } from '../../history/utils/add-last-read-keys.ts';
import { useLatestRecordedRun } from '../../history/api/get-latest-recorded-run.ts';
import { overlayRecordedRun } from '../../history/utils/overlay-recorded-run.ts';
import { RecordedRunNote } from '../../history/components/recorded-run-note.tsx';

type KeysPanelProps = {
  onRevokeKey: (key: AuditedKey) => void;
  /** The bulk revoke: every selected key, revocable or not (the dialog says which it skips). */
  onRevokeKeys?: OnRevokeKeys;
  /** Restrict instead of revoke: one key from its details or a finding's Fix, or the selection. */
  onRestrictKeys?: OnRestrictKeys;
};

/**
 * The Keys view: audit progress, the summary band, and the key list in its loading/empty/error states.
 * The audit streams in: until a run is complete, the keys found so far show as their accounts are read,
 * and a finished connection's keys can be acted on while others are still read. A Refresh keeps the
 * previous complete run on screen until the fresh one is complete.
 */
export function KeysPanel({ onRevokeKey, onRevokeKeys = () => {}, onRestrictKeys }: KeysPanelProps) {
  const audit = useAudit();
  const view = audit.data ?? EMPTY_AUDIT_VIEW;
  const shown = shownRunState(view);
  const isComplete = shown?.finishedAt != null;
  const liveRun = useMemo(() => shown && toAuditRun(shown, shown.finishedAt ?? shown.startedAt), [shown]);
  // Until a complete run is on screen, the last recorded one stands in, replaced account by account as the fresh one is read.
  const recorded = useLatestRecordedRun().data ?? null;
  const overlay = useMemo(() => (!isComplete && recorded ? overlayRecordedRun(shown, liveRun, recorded.run) : null), [isComplete, recorded, shown, liveRun]);
  const overlaid = overlay?.run ?? liveRun;
  // A connection that failed keeps its keys on screen as last read (from history), marked stale.
  const failedIds = (overlaid?.connections ?? []).filter((connection) => connection.status === 'failed').map((connection) => connection.connectionId);
  const lastReads = useLastReadConnections(failedIds);
  const withLastRead = useMemo(() => overlaid && addLastReadKeys(overlaid, lastReads), [overlaid, lastReads]);
  const run = withLastRead?.run ?? null;
  const staleSince = useMemo(() => {
    const since = new Map(withLastRead?.staleSince ?? []);
    if (overlay && recorded) for (const keyId of overlay.staleKeyIds) since.set(keyId, recorded.summary.finishedAt);
    return since;
  }, [withLastRead, overlay, recorded]);
  const readingConnectionIds = useMemo(
    () =>
      new Set(
        isComplete ? [] : shown ? shown.connections.filter((connection) => !connection.finished).map((connection) => connection.connectionId) : (run?.connections.map((connection) => connection.connectionId) ?? []),
      ),
    [shown, isComplete, run],
  );
  const revokeGate = useCallback<RevokeGate>(
    (key) => (readingConnectionIds.has(key.connectionId) ? REVOKE_WAITS_FOR_CONNECTION : withLastRead?.staleSince.has(key.id) ? STALE_KEY_NOT_ACTIONABLE : null),
    [readingConnectionIds, withLastRead],
  );
  // Before the first complete run, the table waits for its first key (placeholder rows until then).
  const showsRun = run !== null && (isComplete || run.keys.length > 0);
  const live = view.live && !view.live.finishedAt ? view.live : null;
  const statusText = (
    <AuditStatusText connectionCount={(live ?? (isComplete ? shown : null))?.connections.length} progress={live && auditProgress(live)} isShowingPartial={showsRun && !isComplete} />
  );
  const refresh = () => void audit.refetch();
  return (
    <section className="keys-panel" aria-labelledby="keys-title">
      <AuditToolbar isAuditing={audit.isFetching} statusText={statusText} canExport={isComplete} onRefresh={refresh} />
      {audit.isError && (
        <div role="alert" className="error-panel">
          <p>
            <strong>The audit could not run.</strong> {audit.error.message}
          </p>
          <button type="button" className="button-secondary" onClick={refresh} disabled={audit.isFetching}>
            Retry
          </button>
        </div>
      )}
      {overlay && overlay.staleKeyIds.size > 0 && recorded && <RecordedRunNote summary={recorded.summary} staleKeyCount={overlay.staleKeyIds.size} auditFailed={audit.isError} />}
      {!showsRun && audit.isFetching && <KeyTableSkeleton />}
      {showsRun && (
        <RevokeGateContext value={revokeGate}>
          <StaleKeysContext value={staleSince}>
            <AuditResult run={run} isPartial={!isComplete} readingConnectionIds={readingConnectionIds} onRevokeKey={onRevokeKey} onRevokeKeys={onRevokeKeys} onRestrictKeys={onRestrictKeys} />
          </StaleKeysContext>
        </RevokeGateContext>
      )}
    </section>
  );
}

type AuditResultProps = {
  run: AuditRun;
  /** The run is still in flight: what it has read so far. */
  isPartial: boolean;
  readingConnectionIds: ReadonlySet<string>;
  onRevokeKey: (key: AuditedKey) => void;
  onRevokeKeys: OnRevokeKeys;
  onRestrictKeys?: OnRestrictKeys;
};

/** One tree for the partial and the complete run, so filters, selection and open details survive the switch. */
function AuditResult({ run, isPartial, readingConnectionIds, onRevokeKey, onRevokeKeys, onRestrictKeys }: AuditResultProps) {
  return (
    <>
      <SummaryBand run={run} isPartial={isPartial} readingConnectionIds={readingConnectionIds} />
      {run.keys.length === 0 ? (
        <EmptyState connectionCount={run.connections.length} />
      ) : (
        <KeyBrowser run={run} onRevokeKey={onRevokeKey} onRevokeKeys={onRevokeKeys} onRestrictKeys={onRestrictKeys} />
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
