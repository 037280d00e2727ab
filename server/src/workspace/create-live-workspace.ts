import type { ConnectionSummary } from '@contract/api.ts';
import { createActionLog, readActionLog, recoverActionLog, verifyActionLog } from '../action-log/index.ts';
import { actionLogPath } from '../config/data-dir.ts';
import { createAuditService, type AuditService } from '../audit/audit-service.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import type { HttpTransport } from '../exchanges/http-transport.ts';
import { createFilePolicyStore, evaluateFindings } from '../findings/index.ts';
import type { Logger } from '../logging/logger.ts';
import { redact } from '../secrets/redacted.ts';
import { openVault, type Vault, type VaultConnection } from '../vault/index.ts';
import { createAdapterPool } from './adapter-pool.ts';
import type { ConnectionManager, Workspace } from './workspace.ts';

/** The user's own connections, from the encrypted vault in the data directory. Starts locked. */
export function createLiveWorkspace({ dataDir, transport, now, logger }: { dataDir: string; transport: HttpTransport; now: () => number; logger: Logger }) {
  const logPath = actionLogPath(dataDir);
  const actions = createActionLog(logPath);
  const adapters = createAdapterPool({ transport, now });
  const policy = createFilePolicyStore(dataDir);
  let vault: Vault | null = null;
  let audit: AuditService | null = null;
  let passphraseEnteredAt = -Infinity;

  const summarize = (connection: VaultConnection): ConnectionSummary => ({
    id: connection.id,
    exchange: connection.exchange,
    label: connection.label,
    maskedKey: maskApiKey(connection.credentials.apiKey),
    baseUrl: connection.baseUrl,
  });
  const logDetails = (connection: VaultConnection) => ({ connectionId: connection.id, exchange: connection.exchange, label: connection.label, apiKey: maskApiKey(connection.credentials.apiKey) });

  const unlocked = (): Vault => {
    if (!vault) throw new Error('vault is locked');
    return vault;
  };

  const manager: ConnectionManager = {
    list: async () => (await unlocked().listConnections()).map(summarize),
    async add(input) {
      let added: VaultConnection | null = null;
      const newConnection = {
        exchange: input.exchange,
        label: input.label,
        baseUrl: input.baseUrl ?? null,
        apiKey: input.apiKey,
        secret: redact(input.secret),
        passphrase: input.passphrase ? redact(input.passphrase) : undefined,
      };
      // The vault save carries the log line's head, so a crash between the two is recovered on the next unlock.
      await actions.append(
        { action: 'connection.add', outcome: 'ok', details: { exchange: input.exchange, label: input.label, apiKey: maskApiKey(input.apiKey) } },
        { beforeWrite: async (head) => void (added = await unlocked().addConnection(newConnection, { actionLogHead: head })) },
      );
      return summarize(added!);
    },
    async rename(id, label) {
      let renamed: VaultConnection | null = null;
      await actions.append(
        { action: 'connection.rename', outcome: 'ok', details: { connectionId: id, label } },
        { beforeWrite: async (head) => void (renamed = await unlocked().renameConnection(id, label, { actionLogHead: head })) },
      );
      return summarize(renamed!);
    },
    async remove(id) {
      const existing = unlocked().getConnection(id);
      await actions.append(
        { action: 'connection.remove', outcome: 'ok', details: existing ? logDetails(existing) : { connectionId: id } },
        { beforeWrite: async (head) => void (await unlocked().removeConnection(id, { actionLogHead: head })) },
      );
      adapters.forget(id);
      audit?.forget();
    },
  };

  const workspace: Workspace = {
    mode: 'live',
    demoKeyPassphrase: null,
    vaultState: () => (vault ? 'unlocked' : 'locked'),
    async unlock(passphrase) {
      const opened = await openVault(dataDir, passphrase);
      const recovery = await recoverActionLog(logPath, opened.actionLogHead);
      if (recovery === 'mismatch') logger.warn('action log does not match the head anchored in the vault; run `keyaudit log verify`');
      if (vault) vault.lock();
      vault = opened;
      passphraseEnteredAt = now();
      audit ??= createAuditService({
        listConnections: () => unlocked().listConnections(),
        adapterFor: adapters.adapterFor,
        evaluateFindings: async (keys) => evaluateFindings(keys, { now: now(), policy: await policy.load() }),
        actions,
        now,
      });
      await actions.append({ action: 'vault.unlock', outcome: 'ok', details: {} });
    },
    async lock(reason) {
      if (!vault) return;
      vault.lock();
      vault = null;
      audit = null;
      adapters.clear();
      passphraseEnteredAt = -Infinity;
      await actions.append({ action: 'vault.lock', outcome: 'ok', details: { reason } });
    },
    msSincePassphrase: () => now() - passphraseEnteredAt,
    audit: () => (vault ? audit : null),
    connections: () => (vault ? manager : null),
    actions,
    policy,
    async readActionLog() {
      const verdict = await verifyActionLog(logPath, vault?.actionLogHead ?? null);
      return { entries: await readActionLog(logPath), verified: verdict.ok };
    },
    adapterForUnsaved: adapters.adapterForUnsaved,
  };
  return workspace;
}
