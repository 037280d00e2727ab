import type { AuditRun } from '@contract/audit-run.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import type { Finding } from '@contract/finding.ts';
import type { ExchangeAdapter } from '../exchanges/exchange-adapter.ts';
import { ExchangeError } from '../exchanges/exchange-error.ts';
import { redact } from '../secrets/redacted.ts';
import type { StoredConnection } from '../secrets/stored-connection.ts';
import type { ActionRecorder } from './action-recorder.ts';
import { runAudit } from './run-audit.ts';
import { createPartialRun, type PartialRun } from './partial-run.ts';

export type AuditServiceDeps = {
  listConnections: () => Promise<StoredConnection[]>;
  /** Adapters hold per-connection state (clock offset, rate-limit budget), so one is kept per connection. */
  adapterFor: (connection: StoredConnection) => ExchangeAdapter;
  evaluateFindings: (keys: AuditedKey[]) => Finding[] | Promise<Finding[]>;
  actions: ActionRecorder;
  now: () => number;
  concurrencyPerConnection?: number;
};

export type AuditService = ReturnType<typeof createAuditService>;

export function createAuditService(deps: AuditServiceDeps) {
  let inFlight: Promise<AuditRun> | null = null;
  let lastRun: AuditRun | null = null;
  let partialRun: PartialRun | null = null;

  const runFresh = async () => {
    const connections = await deps.listConnections();
    const found = createPartialRun(deps.now(), connections, deps.evaluateFindings);
    partialRun = found;
    const run = await runAudit(
      connections.map((connection) => ({ connection, getAdapter: () => deps.adapterFor(connection) })),
      {
        now: deps.now,
        startedAtMs: found.startedAtMs,
        concurrencyPerConnection: deps.concurrencyPerConnection ?? 4,
        evaluateFindings: deps.evaluateFindings,
        onProgress: found.addProgress,
        onConnectionAudited: found.completeConnection,
      },
    );
    lastRun = run;
    return run;
  };

  return {
    /** Runs a fresh audit; concurrent callers share the run in flight. */
    audit(): Promise<AuditRun> {
      inFlight ??= runFresh().finally(() => (inFlight = null));
      return inFlight;
    },
    /** The last completed run, or a fresh one when there is none yet. */
    latest(): Promise<AuditRun> {
      return lastRun ? Promise.resolve(lastRun) : this.audit();
    },
    progress(): { running: boolean; accountsDone: number; accountsTotal: number } {
      return { running: inFlight !== null, ...(partialRun?.progress() ?? { accountsDone: 0, accountsTotal: 0 }) };
    },
    /**
     * The run in flight as read so far (keys, accounts, findings on those keys), so results show
     * as accounts complete; null when no audit is running.
     */
    partial(): Promise<AuditRun | null> {
      if (!inFlight || !partialRun) return Promise.resolve(null);
      return partialRun.toRun(deps.now());
    },
    findKey(keyId: string): AuditedKey | null {
      return lastRun?.keys.find((key) => key.id === keyId) ?? null;
    },
    forget() {
      lastRun = null;
    },
    /**
     * Revokes a key found by the last audit. The action is logged, success or failure,
     * before this resolves. Rejects with ExchangeError when the exchange refuses.
     */
    async revoke(key: AuditedKey, keyPassphrase: string | undefined): Promise<void> {
      const connection = (await deps.listConnections()).find((candidate) => candidate.id === key.connectionId);
      if (!connection) throw new ExchangeError('not-found', 'The connection of this key no longer exists.');
      const details = {
        connectionId: connection.id,
        exchange: key.exchange,
        account: `${key.account.kind}:${key.account.name}`,
        apiKey: maskApiKey(key.apiKey),
        label: key.label,
      };
      try {
        const passphrase = keyPassphrase === undefined ? undefined : redact(keyPassphrase);
        await deps.adapterFor(connection).revokeKey(connection.credentials, { account: key.account, apiKey: key.apiKey }, passphrase);
      } catch (error) {
        const kind = error instanceof ExchangeError ? error.kind : 'exchange-error';
        await deps.actions.append({ action: 'key.revoke', outcome: 'failed', details: { ...details, errorKind: kind } });
        throw error;
      }
      await deps.actions.append({ action: 'key.revoke', outcome: 'ok', details });
      if (lastRun) lastRun = { ...lastRun, keys: lastRun.keys.filter((candidate) => candidate.id !== key.id) };
    },
  };
}
