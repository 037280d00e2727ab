import type { AuditEvent, ConnectionReread, RunDelta } from '@contract/audit-events.ts';
import { applyAuditEvents, applyConnectionReread, applyRunDelta, type AuditRunState } from '@contract/audit-run-state.ts';

/**
 * What the audit cache entry holds: the run being read (or last read), and while a fresh run is read
 * the last complete one, which stays on screen (Refresh does not blank the table).
 */
export type AuditView = {
  live: AuditRunState | null;
  /** The last complete run, kept only while `live` is not complete. */
  previous: AuditRunState | null;
};

export const EMPTY_AUDIT_VIEW: AuditView = { live: null, previous: null };

/** Applies a batch of stream events. Idempotent, like the events themselves: a replayed batch changes nothing. */
export function applyEventsToView(view: AuditView, events: readonly AuditEvent[]): AuditView {
  let { live, previous } = view;
  let chunk: AuditEvent[] = [];
  const applyChunk = () => {
    live = applyAuditEvents(live, chunk);
    chunk = [];
  };
  for (const event of events) {
    if (event.type === 'run-started' && live && live.runId !== event.runId) {
      applyChunk();
      if (live?.finishedAt) previous = live;
    }
    chunk.push(event);
  }
  applyChunk();
  if (live?.finishedAt) previous = null;
  return live === view.live && previous === view.previous ? view : { live, previous };
}

/** Applies what an action on keys changed (a revoke's re-read account) to both runs. */
export function applyDeltaToView(view: AuditView, delta: RunDelta): AuditView {
  return {
    live: view.live && applyRunDelta(view.live, delta),
    previous: view.previous && applyRunDelta(view.previous, delta),
  };
}

/** Applies a connection read again on its own (a Retry) to both runs. */
export function applyRereadToView(view: AuditView, reread: ConnectionReread): AuditView {
  return {
    live: view.live && applyConnectionReread(view.live, reread),
    previous: view.previous && applyConnectionReread(view.previous, reread),
  };
}

/** The run to show: the live one once complete, or while there is no complete one to keep showing. */
export function shownRunState(view: AuditView): AuditRunState | null {
  return view.live?.finishedAt || !view.previous ? view.live : view.previous;
}
