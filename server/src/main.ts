// `npm start`: the composition root. Listens on 127.0.0.1 only and prints the one-time link to open.
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { loadConfig } from './config/load-config.ts';
import { fetchTransport } from './exchanges/http-transport.ts';
import { createAttemptLimiter } from './http/attempt-limiter.ts';
import { createSessionAuthority } from './http/session-authority.ts';
import { createLogger } from './logging/logger.ts';
import { startSimulator } from './simulator/create-simulator.ts';
import { vaultExists } from './vault/index.ts';
import { assertDataDirPrivate } from './config/data-dir.ts';
import { randomBytes } from 'node:crypto';
import { removeRuntimeFileSync, writeRuntimeFile } from './runtime/runtime-file.ts';
import { createDemoWorkspace } from './workspace/create-demo-workspace.ts';
import { createLiveWorkspace } from './workspace/create-live-workspace.ts';
import { openInBrowser } from './open-in-browser.ts';
import { createHttpServer } from './http/create-http-server.ts';
import { runCryptoSelfTest } from './crypto-self-test.ts';
import type { WorkspaceServices } from './workspace/workspace-services.ts';
import { UserFacingError } from './errors/user-facing-error.ts';

const STATIC_DIR = fileURLToPath(new URL('../../client/dist', import.meta.url));

async function main(): Promise<void> {
  const config = loadConfig(process.env, process.argv.slice(2));
  await runCryptoSelfTest(process.env);
  const logger = createLogger(config.logLevel);
  const now = () => Date.now();
  const cleanups: (() => unknown)[] = [];

  let workspace: WorkspaceServices;
  let modeLine: string;
  if (config.forceDemo || !vaultExists(config.dataDir)) {
    const simulator = await startSimulator({ port: config.demoSimulatorPort, latencyMs: config.demoLatencyMs, rateLimits: config.simulatorRateLimits });
    const demo = createDemoWorkspace({ simulator, transport: fetchTransport, now });
    cleanups.push(demo.dispose, simulator.close);
    workspace = demo.services;
    modeLine = `Demo mode: built-in exchange simulators at ${simulator.url} (no vault${config.forceDemo ? ' used' : ' found'} in ${config.dataDir}).`;
  } else {
    // Refuse to run on a vault, log or any other file of the data directory others can read, naming it (the OpenSSH rule).
    await assertDataDirPrivate(config.dataDir);
    workspace = createLiveWorkspace({ dataDir: config.dataDir, transport: fetchTransport, now, logger });
    modeLine = `Vault: ${config.dataDir} (locked; unlock it in the browser).`;
  }

  // Live: a runtime file lets `keyaudit open` mint a fresh link later. The demo touches nothing on disk, so has none.
  const runtimeSecret = workspace.mode === 'live' ? randomBytes(32) : undefined;
  const sessions = createSessionAuthority({ now, runtimeSecret });
  const sweep = setInterval(() => sessions.sweep(), 30_000);
  sweep.unref();
  let port = config.port;
  const app = createApp({ getPort: () => port, workspace, sessions, limiter: createAttemptLimiter({ now, logger }), logger, staticDir: STATIC_DIR });
  const server = createHttpServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, '127.0.0.1', resolve);
  });
  port = (server.address() as { port: number }).port;
  if (runtimeSecret) {
    const runtimeFile = await writeRuntimeFile(config.dataDir, { port, pid: process.pid, secret: runtimeSecret.toString('base64url'), startedAt: new Date(now()).toISOString() });
    process.on('exit', () => removeRuntimeFileSync(runtimeFile));
  }

  const newLaunchUrl = () => `http://127.0.0.1:${port}/#t=${sessions.issueLaunchToken()}`;
  const launchUrl = newLaunchUrl();
  // Written straight to the terminal, never through the logger: the token must not reach a log file.
  process.stdout.write(`\nkeyaudit is running.\n${modeLine}\n\nOpen this link in your browser (it works once, for 10 minutes):\n\n  ${launchUrl}\n\n`);
  if (config.openBrowser) openInBrowser(launchUrl, logger);
  // Whoever holds this terminal may open another tab: Enter prints a fresh one-time link.
  if (process.stdin.isTTY) {
    process.stdout.write('Press Enter here for another link (a new tab, or after the session ended).\n');
    process.stdin.on('data', (chunk) => {
      if (chunk.includes(0x0a) || chunk.includes(0x0d)) process.stdout.write(`\n  ${newLaunchUrl()}\n\n`);
    });
  }

  const shutdown = () => {
    process.stdin.pause();
    server.close();
    server.closeAllConnections();
    Promise.allSettled(cleanups.map((cleanup) => cleanup())).then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException)?.code;
  // On the terminal a UserFacingError also names the local file it is about (a vault others can read).
  const message =
    code === 'EADDRINUSE' ? 'That port is in use. Set KEYAUDIT_PORT to another one.'
    : error instanceof UserFacingError ? error.forTerminal()
    : (error as Error)?.message ?? String(error);
  process.stderr.write(`keyaudit could not start: ${message}\n`);
  process.exit(1);
});
