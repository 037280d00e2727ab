import { toAuditEventId, type AuditEvent, type ConnectionReread, type RunDelta } from '@contract/audit-events.ts';
import { applyAuditEvents, applyConnectionReread, applyRunDelta, type AuditRunState } from '@contract/audit-run-state.ts';
import { toAuditRun } from '@contract/audit-run-snapshot.ts';
import type { AuditRun } from '@contract/audit-run.ts';

export type LoggedEvent = { id: string; event: AuditEvent };
export type AuditRunLog = ReturnType<typeof createAuditRunLog>;

/**
 * One run's events, in order, and the state they build: what every viewer of the run is sent (from
 * the start, or after the last event it saw) and what the server itself answers from (the keys a
 * revoke may act on, the report). Listeners hear of each appended event; they read the events themselves.
 */
export function createAuditRunLog(runId: string) {
  const events: LoggedEvent[] = [];
  const listeners = new Set<() => void>();
  let state: AuditRunState | null = null;
  let isOver = false;
  let snapshot: { of: AuditRunState; run: AuditRun } | null = null;

  const notify = () => [...listeners].forEach((listener) => listener());

  return {
    runId,
    /** Null until run-started. */
    get state(): AuditRunState | null {
      return state;
    },
    /** run-finished or run-failed has been appended: nothing more will be. */
    get isOver(): boolean {
      return isOver;
    },
    /** Adds an event to the run; ignored once the run is over (a connection still answering after a failure). */
    append(event: AuditEvent): void {
      if (isOver) return;
      events.push({ id: toAuditEventId(runId, events.length + 1), event });
      state = applyAuditEvents(state, [event]);
      isOver = event.type === 'run-finished' || event.type === 'run-failed';
      notify();
    },
    /** The events after the first `seq` (0: all of them). */
    eventsAfter(seq: number): LoggedEvent[] {
      return events.slice(seq);
    },
    get eventCount(): number {
      return events.length;
    },
    /**
     * What an action on keys changed. While the run goes on, each changed account is appended as an
     * account-read event, so every viewer applies it too; a finished run's state is changed in place
     * (its viewers have gone; the one that acted applies the change from the action's answer).
     */
    applyDelta(delta: RunDelta): void {
      if (!state) return;
      const next = applyRunDelta(state, delta);
      if (isOver) {
        state = next;
        return;
      }
      for (const connection of next.connections) {
        const before = state.connections.find((candidate) => candidate.connectionId === connection.connectionId);
        for (const [key, account] of connection.accounts) if (before?.accounts.get(key) !== account) this.append({ type: 'account-read', account });
      }
    },
    /**
     * A connection read again on its own (a Retry), in place of what the run held of it. Only a connection the run
     * has finished is retried, so nothing the run still appends can contradict it; viewers get it from the answer.
     */
    applyConnectionReread(reread: ConnectionReread): void {
      if (state) state = applyConnectionReread(state, reread);
    },
    /** The run as it stands, as an AuditRun; computed once per change. */
    toRun(snapshotAt: string): AuditRun | null {
      if (!state) return null;
      if (snapshot?.of !== state) snapshot = { of: state, run: toAuditRun(state, snapshotAt) };
      return snapshot.run;
    },
    /** Called after every appended event; returns the unsubscribe function. */
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    get listenerCount(): number {
      return listeners.size;
    },
  };
}
