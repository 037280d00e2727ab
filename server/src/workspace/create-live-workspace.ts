import { createActionLog, readActionLog, verifyActionLog } from '../action-log/index.ts';
import { actionLogPath } from '../config/data-dir.ts';
import { createAuditService, type AuditService } from '../audit/audit-service.ts';
import type { HttpTransport } from '../exchanges/http-transport.ts';
import { createFilePolicyStore, evaluateFindings } from '../findings/index.ts';
import type { Logger } from '../logging/logger.ts';
import { actionLogAnchorOf } from '../vault/index.ts';
import { withDataDirLock } from '../vault/data-dir-lock.ts';
import { createAdapterPool } from './adapter-pool.ts';
import { createLiveVaultSession } from './live-vault-session.ts';
import { createVaultConnections } from './vault-connections.ts';
import type { WorkspaceServices } from './workspace-services.ts';
import { createFileHistory } from '../history/file-history.ts';
import type { RunSource } from '../history/history-store.ts';
import { recordFinishedRun } from '../history/record-finished-run.ts';
import { applyHistoryRetention } from '../history/apply-retention.ts';
import { createAlertChannelsService } from '../alerts/alert-channels-service.ts';
import { createVaultKeyAnnotations } from '../key-annotations/key-annotations-service.ts';
import { keyauditLastUse, keyUsesOfRun, recordKeyUses } from '../history/key-usage.ts';
import { createFetchTransport } from '../exchanges/http-transport.ts';
import type { AuditRun } from '@contract/audit-run.ts';
import type { RunSummary } from '@contract/history.ts';

/** Alert services answer within seconds or not at all; never redirected (the transport follows none). */
const ALERT_TIMEOUT_MS = 10_000;

/**
 * The user's own connections, from the encrypted vault in the data directory. Starts locked. Every finished audit
 * is recorded in the history as `recordAs` (null: not recorded, `keyaudit audit --no-record`).
 */
export function createLiveWorkspace({
  dataDir,
  transport,
  now,
  logger,
  recordAs = 'dashboard',
  watchEveryMs,
  onRecorded,
  alertTransport = createFetchTransport({ timeoutMs: ALERT_TIMEOUT_MS }),
}: {
  dataDir: string;
  transport: HttpTransport;
  now: () => number;
  logger: Logger;
  recordAs?: RunSource | null;
  /** `keyaudit watch`'s interval, recorded with each of its runs so the dashboard can tell when the next is due. */
  watchEveryMs?: number;
  /** Told of each run once it is recorded (watch sends its alerts then). */
  onRecorded?: (summary: RunSummary, run: AuditRun) => void;
  /** Where alert messages go: Slack, Discord, Telegram, ntfy, a webhook (tests: a loopback receiver). */
  alertTransport?: HttpTransport;
}): WorkspaceServices {
  const logPath = actionLogPath(dataDir);
  // Every entry written while the vault is open carries a MAC and is anchored in it (docs/security-model.md#log-macs).
  const actions = createActionLog(logPath, { anchor: () => actionLogAnchorOf(vault.openVaultOrNull()) });
  const adapters = createAdapterPool({ transport, now });
  const policy = createFilePolicyStore(dataDir);
  const vault = createLiveVaultSession({ dataDir, actions, now, logger });
  // history.sqlite opens with the key kept in the vault, so it is readable exactly while the vault is unlocked.
  const history = createFileHistory({ dataDir, logger });
  vault.onUnlock((opened) => history.open(opened));

  // One audit service per unlock: locking forgets the last run, and the adapters' learned state.
  let audit: AuditService | null = null;
  vault.onLock(() => {
    history.close();
    audit = null;
    adapters.clear();
  });
  // `keyaudit add`/`remove` in a terminal: the vault is re-read already; what was read from its connections goes stale.
  vault.onOutsideSave((save) => {
    for (const id of save.connectionsRemoved) adapters.forget(id);
    if (save.connectionsAdded + save.connectionsRemoved.length + save.connectionsRenamed > 0) audit?.forget();
  });
  /** The calling key of a stored connection (full, for the ledger's keyed fingerprint only). */
  const apiKeyOf = (connectionId: string) => vault.openVaultOrNull()?.getConnection(connectionId)?.credentials.apiKey;
  /** A revoke is a signed call with the connection's key: recorded in the usage ledger once it succeeded. */
  const withRevokeUsage = (service: AuditService): AuditService => ({
    ...service,
    async revoke(key, keyPassphrase) {
      const outcome = await service.revoke(key, keyPassphrase);
      const apiKey = apiKeyOf(key.connectionId);
      if (apiKey !== undefined) recordKeyUses(history, [{ exchange: key.exchange, apiKey, at: new Date(now()).toISOString(), endpointClass: 'revoke', result: 'ok' }], logger);
      return outcome;
    },
  });
  const currentAudit = (): AuditService => {
    vault.unlockedVault();
    return (audit ??= withRevokeUsage(createAuditService({
      listConnections: () => vault.unlockedVault().listConnections(),
      adapterFor: adapters.adapterFor,
      evaluateFindings: async (keys) => evaluateFindings(keys, { now: now(), policy: await policy.load(), keyauditLastUsedAt: keyauditLastUse(history, apiKeyOf) }),
      actions,
      now,
      onRunFinished:
        recordAs === null
          ? undefined
          : (run) => {
              const summary = recordFinishedRun(history, run, recordAs, logger, watchEveryMs === undefined ? {} : { watchEveryMs });
              // The run's signed calls, one row per connection, in one transaction after the run: never on its path.
              recordKeyUses(history, keyUsesOfRun(run, apiKeyOf), logger);
              if (summary) {
                void applyHistoryRetention({ history, policy, actionLog: actions, dataDir, now, logger });
                onRecorded?.(summary, run);
              }
            },
      // A Retry's re-read is recorded like a run: the last run with that connection read again (no false "removed").
      onConnectionReread: recordAs === null ? undefined : (run) => void recordFinishedRun(history, run, recordAs, logger),
    })));
  };

  return {
    mode: 'live',
    demoKeyPassphrase: null,
    vault,
    connections: createVaultConnections({
      session: vault,
      actions,
      adapters,
      onRemoved: (connectionId) => {
        adapters.forget(connectionId);
        audit?.forget();
      },
    }),
    audits: {
      current: currentAudit,
      lastUsedByKeyaudit(keyId) {
        const key = audit?.findKey(keyId) ?? null;
        return key === null ? null : keyauditLastUse(history, apiKeyOf)(key);
      },
    },
    policy,
    history,
    annotations: createVaultKeyAnnotations(() => vault.unlockedVault()),
    alerts: createAlertChannelsService({ vault: () => vault.unlockedVault(), history, actions, transport: alertTransport, now, policy, logger }),
    actionLog: {
      append: (entry) => actions.append(entry),
      // Under the lock, after taking in the anchor another process (the CLI) may have saved: never a stale head.
      read: () =>
        withDataDirLock(dataDir, async () => {
          const open = vault.openVaultOrNull();
          await open?.refresh();
          const verdict = await verifyActionLog(logPath, open?.actionLogHead ?? null, open ? () => open.actionLogMacKey() : undefined);
          return {
            entries: await readActionLog(logPath),
            verified: verdict.ok,
            head: verdict.ok ? verdict.head : null,
            authenticated: verdict.ok && verdict.macs === 'checked',
          };
        }),
    },
  };
}
