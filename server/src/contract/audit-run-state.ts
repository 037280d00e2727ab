import type { AccountRef } from './audited-key.ts';
import type { ConnectionResult } from './audit-run.ts';
import type { Failure } from './exchange-error-kind.ts';
import type { AccountState, AuditEvent, AuditedConnection, ConnectionReread, RunDelta, RunSummary } from './audit-events.ts';

/**
 * One run as its events have built it, on the server (the run it keeps) and in the page (the table).
 * Both sides apply the same events with the same functions, so they cannot disagree about a run.
 * Immutable: applying returns a new state that shares what did not change.
 */
export type AuditRunState = {
  readonly runId: string;
  readonly startedAt: string;
  /** Set by run-finished. */
  readonly finishedAt: string | null;
  readonly summary: RunSummary | null;
  /** Set by run-failed: the run ends without finishing. */
  readonly failure: { error: string; message: string } | null;
  /** In the order of run-started. */
  readonly connections: readonly ConnectionProgress[];
};

export type ConnectionProgress = AuditedConnection & {
  /** Set by connection-finished: every account it will ever report has been reported. */
  readonly finished: { status: ConnectionResult['status']; error: Failure | null; notes?: ConnectionResult['notes'] } | null;
  /** A master's sub-accounts, to read; null until listed (and for a key that is not a master's). */
  readonly listedAccounts: readonly AccountRef[] | null;
  /** Set by connection-waiting while the connection waits out an exchange's rate limit; absent otherwise. */
  readonly waiting?: ConnectionWait | null;
  /** The accounts read so far, by accountKey, in the order they were read. */
  readonly accounts: ReadonlyMap<string, AccountState>;
};

export type ConnectionWait = { readonly reason: 'rate-limit'; readonly until: string | null };

export const accountKey = (account: AccountRef): string => `${account.kind}:${account.name}`;

type Draft = { state: AuditRunState; connections: ConnectionProgress[]; editable: Set<ConnectionProgress> };

/**
 * Applies events in order. Idempotent: a replayed event (a stream resumed, or read again from the start)
 * changes nothing, because each one sets something (an account, a status) rather than adding to it.
 * run-started of another run starts over. Events of a connection the run does not name are ignored.
 */
export function applyAuditEvents(state: AuditRunState | null, events: readonly AuditEvent[]): AuditRunState | null {
  let draft: Draft | null = state && toDraft(state);
  for (const event of events) {
    if (event.type === 'run-started') {
      if (draft?.state.runId === event.runId) continue;
      draft = toDraft({
        runId: event.runId,
        startedAt: event.startedAt,
        finishedAt: null,
        summary: null,
        failure: null,
        connections: event.connections.map((connection) => ({ ...connection, finished: null, listedAccounts: null, accounts: new Map() })),
      });
      continue;
    }
    if (!draft) continue;
    if (event.type === 'run-finished') draft.state = { ...draft.state, finishedAt: event.finishedAt, summary: event.summary };
    else if (event.type === 'run-failed') draft.state = { ...draft.state, failure: { error: event.error, message: event.message } };
    else if (event.type === 'accounts-listed') editConnection(draft, event.connectionId, (connection) => ({ ...connection, listedAccounts: event.accounts }));
    else if (event.type === 'connection-finished') {
      editConnection(draft, event.connectionId, (connection) => ({ ...connection, waiting: null, finished: { status: event.status, error: event.error, ...(event.notes ? { notes: event.notes } : {}) } }));
    } else if (event.type === 'connection-waiting') {
      editConnection(draft, event.connectionId, (connection) => ({ ...connection, waiting: { reason: event.reason, until: event.until } }));
    } else {
      // A wait with no end known is over once the connection reads an account again.
      if (findConnectionIn(draft, event.account.connectionId)?.waiting?.until === null) {
        editConnection(draft, event.account.connectionId, (connection) => ({ ...connection, waiting: null }));
      }
      setAccount(draft, event.account, { onlyIfPresent: false });
    }
  }
  return draft && fromDraft(draft);
}

/**
 * Applies what an action on keys changed (a revoke's re-read). An account the run holds is replaced;
 * one it has not read yet is left to the run, which will read it as it is now.
 */
export function applyRunDelta(state: AuditRunState, delta: RunDelta): AuditRunState {
  const draft = toDraft(state);
  for (const account of delta.accounts) setAccount(draft, account, { onlyIfPresent: true });
  const removed = new Set(delta.removedKeyIds);
  if (removed.size > 0) {
    for (const connection of [...draft.connections]) {
      for (const [key, account] of [...connection.accounts]) {
        if (!account.keys.some((candidate) => removed.has(candidate.id))) continue;
        const keys = account.keys.filter((candidate) => !removed.has(candidate.id));
        const findings = account.findings.filter((finding) => !removed.has(finding.keyId));
        editable(draft, connection.connectionId)!.accounts.set(key, { ...account, keys, findings, result: { ...account.result, keyCount: keys.length } });
      }
    }
  }
  return fromDraft(draft);
}

/**
 * Replaces what the run holds of one connection with a fresh read of it: its accounts, listing and status start
 * over, then the reread's events (of that connection only) apply. A run without that connection is left as it is.
 */
export function applyConnectionReread(state: AuditRunState, reread: ConnectionReread): AuditRunState {
  const index = state.connections.findIndex((connection) => connection.connectionId === reread.connectionId);
  if (index === -1) return state;
  const connections = [...state.connections];
  connections[index] = { ...connections[index]!, finished: null, waiting: null, listedAccounts: null, accounts: new Map() };
  const own = reread.events.filter((event) =>
    event.type === 'account-read' ? event.account.connectionId === reread.connectionId : 'connectionId' in event && event.connectionId === reread.connectionId,
  );
  return applyAuditEvents({ ...state, connections }, own) ?? state;
}

export function findConnection(state: AuditRunState, connectionId: string): ConnectionProgress | undefined {
  return state.connections.find((connection) => connection.connectionId === connectionId);
}

function findConnectionIn(draft: Draft, connectionId: string): ConnectionProgress | undefined {
  return draft.connections.find((connection) => connection.connectionId === connectionId);
}

function toDraft(state: AuditRunState): Draft {
  return { state, connections: [...state.connections], editable: new Set() };
}

function fromDraft(draft: Draft): AuditRunState {
  const unchanged = draft.editable.size === 0 && draft.connections.every((connection, index) => connection === draft.state.connections[index]);
  return unchanged ? draft.state : { ...draft.state, connections: draft.connections };
}

/** The draft's own copy of a connection (its account map copied once per batch, however many events touch it). */
function editable(draft: Draft, connectionId: string): (ConnectionProgress & { accounts: Map<string, AccountState> }) | null {
  const index = draft.connections.findIndex((connection) => connection.connectionId === connectionId);
  if (index === -1) return null;
  const current = draft.connections[index];
  if (draft.editable.has(current)) return current as ConnectionProgress & { accounts: Map<string, AccountState> };
  const copy = { ...current, accounts: new Map(current.accounts) };
  draft.connections[index] = copy;
  draft.editable.add(copy);
  return copy;
}

function editConnection(draft: Draft, connectionId: string, change: (connection: ConnectionProgress) => ConnectionProgress) {
  const index = draft.connections.findIndex((connection) => connection.connectionId === connectionId);
  if (index === -1) return;
  const changed = change(draft.connections[index]);
  if (draft.editable.delete(draft.connections[index])) draft.editable.add(changed);
  draft.connections[index] = changed;
}

function setAccount(draft: Draft, account: AccountState, { onlyIfPresent }: { onlyIfPresent: boolean }) {
  const connection = draft.connections.find((candidate) => candidate.connectionId === account.connectionId);
  const key = accountKey(account.result.account);
  if (!connection || (onlyIfPresent && !connection.accounts.has(key))) return;
  editable(draft, account.connectionId)!.accounts.set(key, account);
}
