import { toPrintableText } from '@contract/printable-text.ts';
import { MAX_EXCHANGE_TEXT } from '../exchanges/printable-exchange-strings.ts';
import type { ApiErrorCode } from '@contract/api-error-code.ts';
import { toUserFacingError } from '../errors/to-user-facing-error.ts';
import { randomBytes } from 'node:crypto';
import type { AccountState, AuditEvent, ConnectionReread } from '@contract/audit-events.ts';
import { findConnection } from '@contract/audit-run-state.ts';
import type { AuditRun } from '@contract/audit-run.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import type { Finding } from '@contract/finding.ts';
import type { ExchangeAdapter } from '../exchanges/exchange-adapter.ts';
import { ExchangeError } from '../exchanges/exchange-error.ts';
import { redact } from '../secrets/redacted.ts';
import type { StoredConnection } from '../secrets/stored-connection.ts';
import type { ActionRecorder } from './action-recorder.ts';
import { createAuditRunLog, type AuditRunLog } from './audit-run-log.ts';
import { rereadAfterRevoke, type RevokeOutcome } from './reread-after-revoke.ts';
import { rereadAfterRestrict, type RestrictOutcome } from './reread-after-restrict.ts';
import { rereadAfterDisable, type DisableOutcome } from './reread-after-disable.ts';
import type { RestrictionPlan, RestrictKeyState } from '@contract/restriction-plan.ts';
import { runAudit } from './run-audit.ts';
import { auditConnection } from './audit-connection.ts';
import { ConnectionStillReadingError } from './audit-errors.ts';
import { ConnectionNotFoundError } from '../vault/vault-errors.ts';

export type AuditServiceDeps = {
  listConnections: () => Promise<StoredConnection[]>;
  /** Adapters hold per-connection state (clock offset, rate-limit budget), so one is kept per connection. */
  adapterFor: (connection: StoredConnection) => ExchangeAdapter;
  evaluateFindings: (keys: AuditedKey[]) => Finding[] | Promise<Finding[]>;
  actions: ActionRecorder;
  now: () => number;
  concurrencyPerConnection?: number;
  /** Told of every run that finished (the history records it); whatever it throws is ignored: the run stands. */
  onRunFinished?: (run: AuditRun) => void;
  /**
   * Told after a Retry re-read one connection into the last completed run, with that run as it stands now: the other
   * connections as they were read, this one as just read, finished now (the history records it as a run of its own).
   * Not while a run is in flight: that run holds the re-read too and is told of through onRunFinished. Throws are ignored.
   */
  onConnectionReread?: (run: AuditRun) => void;
};

export type AuditService = ReturnType<typeof createAuditService>;
export type { RevokeOutcome, RestrictOutcome, DisableOutcome };

/**
 * Runs audits and keeps two of them: the one in flight (every viewer shares it) and the last one
 * completed. Keys are acted on where they were read: in the run in flight once their connection is
 * finished, otherwise in the last completed run.
 */
export function createAuditService(deps: AuditServiceDeps) {
  let running: { log: AuditRunLog; done: Promise<AuditRun> } | null = null;
  let completed: AuditRunLog | null = null;
  const nowIso = () => new Date(deps.now()).toISOString();
  const heldLogs = () => [...new Set([running?.log, completed])].filter((log): log is AuditRunLog => log != null);

  const startRun = () => {
    const log = createAuditRunLog(randomBytes(9).toString('base64url'));
    const done = (async () => {
      try {
        const connections = await deps.listConnections();
        const run = await runAudit(
          connections.map((connection) => ({ connection, getAdapter: () => deps.adapterFor(connection) })),
          { log, now: deps.now, concurrencyPerConnection: deps.concurrencyPerConnection ?? 4, evaluateFindings: deps.evaluateFindings },
        );
        completed = log;
        try {
          deps.onRunFinished?.(run);
        } catch {
          // Recording is best effort (record-finished-run.ts logs its own failures); an audit never fails on it.
        }
        return run;
      } catch (error) {
        log.append({ type: 'run-failed', ...describeRunFailure(error) });
        throw error;
      } finally {
        if (running?.log === log) running = null;
      }
    })();
    done.catch(() => undefined); // a run watched only through its stream must not reject unhandled
    running = { log, done };
    return running;
  };

  const retries = new Map<string, Promise<ConnectionReread>>();
  const rereadConnection = async (connectionId: string): Promise<ConnectionReread> => {
    const connection = (await deps.listConnections()).find((candidate) => candidate.id === connectionId);
    if (!connection) throw new ConnectionNotFoundError(connectionId);
    const inFlight = running?.log.state && findConnection(running.log.state, connectionId);
    if (inFlight && !inFlight.finished) throw new ConnectionStillReadingError();
    const events: AuditEvent[] = [];
    let reported: Promise<void> = Promise.resolve();
    const audit = await auditConnection(connection, () => deps.adapterFor(connection), {
      concurrency: deps.concurrencyPerConnection ?? 4,
      onAccountsListed: (accounts) => void (reported = reported.then(() => void events.push({ type: 'accounts-listed', connectionId, accounts }))),
      onAccountRead: ({ result, keys }) =>
        void (reported = reported.then(async () => void events.push({ type: 'account-read', account: { connectionId, result, keys, findings: await deps.evaluateFindings(keys) } }))),
    });
    await reported;
    const { status, error, notes } = audit.result;
    events.push({ type: 'connection-finished', connectionId, status, error, ...(notes ? { notes } : {}) });
    const reread = { connectionId, events };
    for (const log of heldLogs()) log.applyConnectionReread(reread);
    const merged = running === null ? completed?.toRun(nowIso()) : null;
    if (merged) {
      try {
        deps.onConnectionReread?.({ ...merged, finishedAt: nowIso() });
      } catch {
        // Recording is best effort, as for a whole run.
      }
    }
    return reread;
  };

  /** The key where it may be acted on, with its account as the run holds it. */
  const findActionable = (keyId: string): { key: AuditedKey; account: AccountState } | null => {
    for (const log of heldLogs()) {
      for (const connection of log.state?.connections ?? []) {
        if (!log.isOver && !connection.finished) continue;
        for (const account of connection.accounts.values()) {
          const key = account.keys.find((candidate) => candidate.id === keyId);
          if (key) return { key, account };
        }
      }
    }
    return null;
  };

  /** Who and what a logged action is about, within the log's limits whatever the exchange sent (masked key). */
  const describeKey = (connection: StoredConnection, key: AuditedKey) => ({
    connectionId: connection.id,
    exchange: key.exchange,
    account: toPrintableText(`${key.account.kind}:${key.account.name}`, MAX_EXCHANGE_TEXT),
    apiKey: toPrintableText(maskApiKey(key.apiKey), MAX_EXCHANGE_TEXT),
    label: toPrintableText(key.label, MAX_EXCHANGE_TEXT),
  });
  const connectionOfKey = async (key: AuditedKey) => {
    const connection = (await deps.listConnections()).find((candidate) => candidate.id === key.connectionId);
    if (!connection) throw new ExchangeError('not-found', 'The connection of this key no longer exists.');
    return connection;
  };

  return {
    /** The run in flight, or a fresh one: its log, to stream to a viewer. Concurrent viewers share it. */
    join(): AuditRunLog {
      return (running ?? startRun()).log;
    },
    /** A run still held (the one in flight, or the last completed), for a viewer resuming it. */
    findRun(runId: string): AuditRunLog | null {
      return heldLogs().find((log) => log.runId === runId) ?? null;
    },
    /** Resolves to the completed run of the run in flight, or of a fresh one. */
    audit(): Promise<AuditRun> {
      return (running ?? startRun()).done;
    },
    /** The last completed run, or a fresh one when there is none yet. */
    latest(): Promise<AuditRun> {
      const run = completed?.toRun(nowIso());
      return run ? Promise.resolve(run) : this.audit();
    },
    /** The last completed run as it stands now (revokes applied), or null before the first; never starts one. */
    lastCompleted(): AuditRun | null {
      return completed?.toRun(nowIso()) ?? null;
    },
    /** A key that may be acted on now: of a finished connection, or of the last completed run. */
    findKey(keyId: string): AuditedKey | null {
      return findActionable(keyId)?.key ?? null;
    },
    /** The key is in the run in flight, on a connection still being read (and in no completed run). */
    isKeyBeingRead(keyId: string): boolean {
      if (findActionable(keyId)) return false;
      const connections = running?.log.state?.connections ?? [];
      return connections.some((connection) => [...connection.accounts.values()].some((account) => account.keys.some((key) => key.id === keyId)));
    },
    /**
     * Reads one connection again (a Retry after it failed) and puts what it finds in place of what the runs held
     * of it. Concurrent retries of one connection share one read. Rejects while the run in flight still reads it.
     */
    retryConnection(connectionId: string): Promise<ConnectionReread> {
      const existing = retries.get(connectionId);
      if (existing) return existing;
      const retry = rereadConnection(connectionId).finally(() => retries.delete(connectionId));
      retries.set(connectionId, retry);
      return retry;
    },
    /** Stream viewers listening to the runs held: what a closed stream must give back. */
    get listenerCount(): number {
      return heldLogs().reduce((sum, log) => sum + log.listenerCount, 0);
    },
    forget() {
      completed = null;
    },
    /**
     * Revokes a key, then reads its account again (that account only) and applies what it finds to
     * the runs held. The delete is logged, success or failure, before the re-read; a key the exchange
     * still lists afterwards is logged again as failed. Rejects with ExchangeError when the exchange refuses.
     */
    async revoke(key: AuditedKey, keyPassphrase: string | undefined): Promise<RevokeOutcome> {
      const connection = (await deps.listConnections()).find((candidate) => candidate.id === key.connectionId);
      if (!connection) throw new ExchangeError('not-found', 'The connection of this key no longer exists.');
      // Built before the exchange is asked, and within the log's limits whatever the exchange sent: once the key is
      // deleted, nothing may keep its log line from being written.
      const details = {
        connectionId: connection.id,
        exchange: key.exchange,
        account: toPrintableText(`${key.account.kind}:${key.account.name}`, MAX_EXCHANGE_TEXT),
        apiKey: toPrintableText(maskApiKey(key.apiKey), MAX_EXCHANGE_TEXT),
        label: toPrintableText(key.label, MAX_EXCHANGE_TEXT),
      };
      const previous = findActionable(key.id)?.account ?? null;
      let adapter: ExchangeAdapter;
      try {
        adapter = deps.adapterFor(connection);
        const passphrase = keyPassphrase === undefined ? undefined : redact(keyPassphrase);
        await adapter.revokeKey(connection.credentials, { account: key.account, apiKey: key.apiKey }, passphrase);
      } catch (error) {
        const kind = error instanceof ExchangeError ? error.kind : 'exchange-error';
        await deps.actions.append({ action: 'key.revoke', outcome: 'failed', details: { ...details, errorKind: kind } });
        throw error;
      }
      await deps.actions.append({ action: 'key.revoke', outcome: 'ok', details });

      let outcome: RevokeOutcome;
      try {
        outcome = await rereadAfterRevoke({ adapter, connection, evaluateFindings: deps.evaluateFindings, key, previous });
      } catch {
        outcome = { confirmation: 'unconfirmed', message: 'The exchange confirmed the deletion; the account could not be checked again.', delta: { accounts: [], removedKeyIds: [key.id] } };
      }
      for (const log of heldLogs()) log.applyDelta(outcome.delta);
      if (outcome.confirmation === 'still-listed') {
        await deps.actions.append({ action: 'key.revoke', outcome: 'failed', details: { ...details, errorKind: 'still-listed' } });
      }
      return outcome;
    },
    /**
     * Disables a key (it stays, switched off), then reads its account again (that account only) and applies what it finds
     * to the runs held. Logged as ok once the exchange answered, as failed when it refused; a re-read that does not list
     * the key disabled is logged again as failed. Rejects with ExchangeError when the exchange refuses.
     */
    async disable(key: AuditedKey): Promise<DisableOutcome> {
      const connection = await connectionOfKey(key);
      // Built before the exchange is asked, as for revoke: nothing may keep the line from being written afterwards.
      const details = describeKey(connection, key);
      let adapter: ExchangeAdapter;
      try {
        adapter = deps.adapterFor(connection);
        if (!adapter.disableKey) throw new ExchangeError('invalid-request', "This exchange's API cannot disable keys.");
        await adapter.disableKey(connection.credentials, { account: key.account, apiKey: key.apiKey });
      } catch (error) {
        const kind = error instanceof ExchangeError ? error.kind : 'exchange-error';
        await deps.actions.append({ action: 'key.disable', outcome: 'failed', details: { ...details, errorKind: kind } });
        throw error;
      }
      await deps.actions.append({ action: 'key.disable', outcome: 'ok', details });
      let outcome: DisableOutcome;
      try {
        outcome = await rereadAfterDisable({ adapter, connection, evaluateFindings: deps.evaluateFindings, key });
      } catch {
        outcome = { confirmation: 'unconfirmed', message: 'The exchange confirmed that it disabled the key; the account could not be checked again.', delta: { accounts: [], removedKeyIds: [] } };
      }
      for (const log of heldLogs()) log.applyDelta(outcome.delta);
      if (outcome.confirmation === 'differs') {
        await deps.actions.append({ action: 'key.disable', outcome: 'failed', details: { ...details, errorKind: 'not-listed-disabled' } });
      }
      return outcome;
    },
    /**
     * Logs a restriction the planner refused before anything was sent (restriction-plan.ts), so every restrict asked
     * for leaves a line, whether or not it reached the exchange.
     */
    async logRestrictRefused(key: AuditedKey, reason: string): Promise<void> {
      const connection = await connectionOfKey(key);
      await deps.actions.append({ action: 'key.restrict', outcome: 'denied', details: { ...describeKey(connection, key), phase: 'refused', reason: toPrintableText(reason, 200) } });
    },
    /**
     * Narrows a key as planned, then reads its account again (that account only), compares the key with the state
     * asked for and applies what it finds to the runs held. Logged when asked, then as confirmed, refused (the exchange
     * said no) or mismatched (it said yes but reports otherwise), with before and after. Rejects with ExchangeError on a refusal.
     */
    async restrict(key: AuditedKey, plan: RestrictionPlan, keyPassphrase: string | undefined): Promise<RestrictOutcome> {
      const connection = await connectionOfKey(key);
      const details = { ...describeKey(connection, key), ...describeStates(plan.before, plan.after) };
      await deps.actions.append({ action: 'key.restrict', outcome: 'ok', details: { ...details, phase: 'asked' } });
      let adapter: ExchangeAdapter;
      try {
        adapter = deps.adapterFor(connection);
        if (!adapter.restrictKey) throw new ExchangeError('invalid-request', "This exchange's API cannot change keys.");
        const passphrase = keyPassphrase === undefined ? undefined : redact(keyPassphrase);
        await adapter.restrictKey(connection.credentials, { account: key.account, apiKey: key.apiKey }, plan, passphrase);
      } catch (error) {
        const kind = error instanceof ExchangeError ? error.kind : 'exchange-error';
        await deps.actions.append({ action: 'key.restrict', outcome: 'failed', details: { ...details, phase: 'refused', errorKind: kind } });
        throw error;
      }
      let outcome: RestrictOutcome;
      try {
        outcome = await rereadAfterRestrict({ adapter, connection, evaluateFindings: deps.evaluateFindings, key, plan });
      } catch {
        outcome = { confirmation: 'unconfirmed', reported: null, message: 'The exchange confirmed the change; the account could not be checked again.', delta: { accounts: [], removedKeyIds: [] } };
      }
      for (const log of heldLogs()) log.applyDelta(outcome.delta);
      const shown = outcome.reported ? describeStates(plan.before, outcome.reported) : null;
      const reported: Record<string, string> = shown ? { ipsReported: shown.ipsAfter, permissionsReported: shown.permissionsAfter } : {};
      if (outcome.confirmation === 'differs') {
        await deps.actions.append({ action: 'key.restrict', outcome: 'failed', details: { ...details, ...reported, phase: 'mismatched' } });
      } else {
        await deps.actions.append({ action: 'key.restrict', outcome: 'ok', details: { ...details, phase: outcome.confirmation === 'as-asked' ? 'confirmed' : 'unconfirmed' } });
      }
      return outcome;
    },
  };
}

/** Before and after as log details: the exchange's words, each list within a detail's 200 characters. */
function describeStates(before: RestrictKeyState, after: RestrictKeyState) {
  const ips = (state: RestrictKeyState) => (Array.isArray(state.ipWhitelist) ? state.ipWhitelist.join(',') || 'any' : state.ipWhitelist ?? 'any');
  const text = (value: string) => toPrintableText(value, 200);
  return {
    ipsBefore: text(ips(before)),
    ipsAfter: text(ips(after)),
    permissionsBefore: text(before.permissions.join(',')),
    permissionsAfter: text(after.permissions.join(',')),
  };
}

/** What a viewer is told when a run cannot finish: the policy's own list of problems, or a plain sentence. */
/** A user-facing error keeps its code and sentence; anything else is a bug, told without its text. */
function describeRunFailure(error: unknown): { error: ApiErrorCode; message: string } {
  const userError = toUserFacingError(error);
  if (userError) return { error: userError.code, message: userError.message };
  return { error: 'internal', message: 'The audit stopped on an unexpected error. Refresh to try again; `keyaudit audit` in a terminal shows more.' };
}
