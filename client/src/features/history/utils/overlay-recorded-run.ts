import type { AuditRun } from '@contract/audit-run.ts';
import { accountKey, findConnection, type AuditRunState } from '@contract/audit-run-state.ts';

export type RecordedOverlay = {
  /** The fresh run so far, plus the recorded keys of every account it has not read yet. */
  run: AuditRun;
  /** Ids of the keys shown as recorded: stale until their account is read again. */
  staleKeyIds: ReadonlySet<string>;
};

/**
 * The dashboard opens on the last recorded run and the fresh audit streams in over it: an account read
 * again replaces what was recorded of it (its keys, gone ones included), a finished connection all of
 * its accounts. A recorded connection the fresh run does not audit any more is dropped. Before the fresh
 * run has started, the recorded run shows whole.
 */
export function overlayRecordedRun(live: AuditRunState | null, liveRun: AuditRun | null, recorded: AuditRun): RecordedOverlay {
  const stillRecorded = (key: AuditRun['keys'][number]) => {
    if (!live) return true;
    const connection = findConnection(live, key.connectionId);
    return connection !== undefined && connection.finished === null && !connection.accounts.has(accountKey(key.account));
  };
  const staleKeys = recorded.keys.filter(stillRecorded);
  const staleKeyIds = new Set(staleKeys.map((key) => key.id));
  if (!live || !liveRun) return { run: { ...recorded, keys: staleKeys }, staleKeyIds };
  return {
    run: {
      ...liveRun,
      keys: [...liveRun.keys, ...staleKeys],
      findings: [...liveRun.findings, ...recorded.findings.filter((finding) => staleKeyIds.has(finding.keyId))],
    },
    staleKeyIds,
  };
}
