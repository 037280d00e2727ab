import type { ConnectionSummary } from '@contract/api.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import type { ActionLog } from '../action-log/action-log.ts';
import { testCredentials } from './test-credentials.ts';
import { redact } from '../secrets/redacted.ts';
import { ConnectionNotFoundError, type VaultConnection } from '../vault/index.ts';
import type { AdapterPool } from './adapter-pool.ts';
import type { LiveVaultSession } from './live-vault-session.ts';
import type { Connections } from './workspace-services.ts';

type Deps = {
  session: LiveVaultSession;
  actions: ActionLog;
  adapters: AdapterPool;
  /** Called after a removal, so nothing keeps the removed connection's adapter or keys. */
  onRemoved: (connectionId: string) => void;
};

/**
 * The connections stored in the unlocked vault. Each change is one vault save that carries its
 * action-log line's head, so a crash between the two is recovered on the next unlock.
 */
export function createVaultConnections({ session, actions, adapters, onRemoved }: Deps): Connections {
  const vault = session.unlockedVault;
  const summarize = (connection: VaultConnection): ConnectionSummary => ({
    id: connection.id,
    exchange: connection.exchange,
    label: connection.label,
    maskedKey: maskApiKey(connection.credentials.apiKey),
    baseUrl: connection.baseUrl,
  });
  // Checked before the log line is built: an unknown id (of any length) is the user's mistake, not a bad log entry.
  const find = (id: string): VaultConnection => {
    const connection = vault().getConnection(id);
    if (!connection) throw new ConnectionNotFoundError(id);
    return connection;
  };
  const logDetails = (connection: VaultConnection) => ({ connectionId: connection.id, exchange: connection.exchange, label: connection.label, apiKey: maskApiKey(connection.credentials.apiKey) });

  return {
    list: async () => (await vault().listConnections()).map(summarize),
    async test(input) {
      vault(); // part of managing the user's connections: only with the vault open
      const adapter = adapters.adapterForUnsaved(input.exchange, input.baseUrl ?? null);
      const credentials = { apiKey: input.apiKey, secret: redact(input.secret), passphrase: input.passphrase ? redact(input.passphrase) : undefined };
      return testCredentials(adapter, credentials);
    },
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
      await actions.append(
        { action: 'connection.add', outcome: 'ok', details: { exchange: input.exchange, label: input.label, apiKey: maskApiKey(input.apiKey) } },
        { beforeWrite: async (head) => void (added = await vault().addConnection(newConnection, { actionLogHead: head })) },
      );
      return summarize(added!);
    },
    async rename(id, label) {
      find(id);
      let renamed: VaultConnection | null = null;
      await actions.append(
        { action: 'connection.rename', outcome: 'ok', details: { connectionId: id, label } },
        { beforeWrite: async (head) => void (renamed = await vault().renameConnection(id, label, { actionLogHead: head })) },
      );
      return summarize(renamed!);
    },
    async remove(id) {
      const existing = find(id);
      await actions.append(
        { action: 'connection.remove', outcome: 'ok', details: logDetails(existing) },
        { beforeWrite: async (head) => void (await vault().removeConnection(id, { actionLogHead: head })) },
      );
      onRemoved(id);
    },
  };
}
