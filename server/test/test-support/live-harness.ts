import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createKucoinDemoSeed, KUCOIN_DEMO_CONNECTION } from '../../src/simulator/kucoin/kucoin-demo-seed.ts';
import type { KucoinSeed } from '../../src/simulator/kucoin/kucoin-simulator-state.ts';
import { fetchTransport } from '../../src/exchanges/http-transport.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { startSimulator, type RunningSimulator } from '../../src/simulator/create-simulator.ts';
import { createVault } from '../../src/vault/index.ts';
import { createLiveWorkspace } from '../../src/workspace/create-live-workspace.ts';
import type { WorkspaceServices } from '../../src/workspace/workspace-services.ts';
import { startApp, type RunningApp } from './start-app.ts';

export type LiveHarness = {
  app: RunningApp;
  workspace: WorkspaceServices;
  simulator: RunningSimulator;
  dataDir: string;
  vaultPassphrase: string;
  logLines: string[];
  /** Moves the server's clock forward. */
  advanceClock(ms: number): void;
  close(): Promise<void>;
};

/**
 * A vault-backed server (fast test KDF) beside a KuCoin simulator, with every log line kept.
 * The vault starts empty and locked, as after `keyaudit` created it from the CLI.
 */
export async function startLiveHarness({ seed = createKucoinDemoSeed(), vaultPassphrase = 'correct horse battery' }: { seed?: KucoinSeed; vaultPassphrase?: string } = {}): Promise<LiveHarness> {
  process.env.KEYAUDIT_TEST_FAST_KDF = '1';
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keyaudit-live-'));
  (await createVault(dataDir, vaultPassphrase)).lock();
  const simulator = await startSimulator({ kucoin: { seed } });
  let offsetMs = 0;
  const now = () => Date.now() + offsetMs;
  const logLines: string[] = [];
  const logger = createLogger('trace', (line) => logLines.push(line));
  const workspace = createLiveWorkspace({ dataDir, transport: fetchTransport, now, logger });
  const app = await startApp(workspace, { logSink: (line) => logLines.push(line), now });
  return {
    app,
    workspace,
    simulator,
    dataDir,
    vaultPassphrase,
    logLines,
    advanceClock: (ms) => void (offsetMs += ms),
    async close() {
      await app.close();
      await simulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The demo master key as a connection to add through the API. */
export function demoMasterConnection(simulator: RunningSimulator, credentials: { apiKey: string; secret: string; passphrase: string } = KUCOIN_DEMO_CONNECTION) {
  return {
    exchange: 'kucoin' as const,
    label: 'KuCoin main',
    apiKey: credentials.apiKey,
    secret: credentials.secret,
    passphrase: credentials.passphrase,
    baseUrl: simulator.baseUrls.kucoin,
  };
}
