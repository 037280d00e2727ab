import { fetchTransport } from '../exchanges/http-transport.ts';
import { silentLogger } from '../logging/logger.ts';
import { startSimulator } from '../simulator/create-simulator.ts';
import { vaultExists } from '../vault/open-vault.ts';
import { createDemoWorkspace } from '../workspace/create-demo-workspace.ts';
import { createLiveWorkspace } from '../workspace/create-live-workspace.ts';
import type { WorkspaceServices } from '../workspace/workspace-services.ts';
import type { RunSource } from '../history/history-store.ts';
import type { CliContext } from './cli-context.ts';
import { CliError } from './cli-errors.ts';
import { readVaultPassphrase } from './passphrases.ts';

/** Who entered the passphrase in a CLI process: the user at the terminal, the only one there is. */
export const TERMINAL = 'terminal';

export type CliWorkspace = { services: WorkspaceServices; close(): Promise<void> };

/**
 * The same services the dashboard uses, opened for one command: the built-in simulators with
 * --demo, otherwise the unlocked vault. Audits and revokes then take the dashboard's code path; a finished
 * audit is recorded in the history as `recordAs` (null: not recorded).
 */
export async function openCliWorkspace(
  ctx: CliContext,
  { demo, recordAs = null, watchEveryMs, onRecorded }: { demo: boolean; recordAs?: RunSource | null } & Pick<Parameters<typeof createLiveWorkspace>[0], 'watchEveryMs' | 'onRecorded'>,
): Promise<CliWorkspace> {
  if (demo) {
    const simulator = await startSimulator();
    const { services, dispose } = createDemoWorkspace({ simulator, transport: fetchTransport, now: Date.now });
    return { services, close: async () => (dispose(), await simulator.close()) };
  }
  if (!vaultExists(ctx.dataDir)) {
    throw new CliError('No vault yet. Add a connection with: keyaudit add <exchange> --label <label> (or try --demo).');
  }
  const services = createLiveWorkspace({ dataDir: ctx.dataDir, transport: fetchTransport, now: Date.now, logger: silentLogger, recordAs, watchEveryMs, onRecorded });
  await services.vault.unlock(await readVaultPassphrase(ctx), TERMINAL);
  return { services, close: () => services.vault.lock('manual') };
}
