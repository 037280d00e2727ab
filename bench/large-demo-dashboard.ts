import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createApp } from '../server/src/app.ts';
import { createLargeKucoinSeed } from '../server/src/simulator/kucoin/kucoin-demo-seed.ts';
import { fetchTransport } from '../server/src/exchanges/http-transport.ts';
import { createAttemptLimiter } from '../server/src/http/attempt-limiter.ts';
import { createSessionAuthority } from '../server/src/http/session-authority.ts';
import { silentLogger } from '../server/src/logging/logger.ts';
import { startSimulator } from '../server/src/simulator/create-simulator.ts';
import { createDemoWorkspace } from '../server/src/workspace/create-demo-workspace.ts';

const STATIC_DIR = fileURLToPath(new URL('../client/dist', import.meta.url));

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/**
 * The demo workspace over a KuCoin master with `subAccounts × keysPerSub` keys beside the other demo
 * exchanges, served with the built client on a loopback port. `latencyMs` is the simulator's per-request
 * latency; rate limits are relaxed so the page, not the exchange, is what the benches measure.
 */
export async function startLargeDemoDashboard({ subAccounts, keysPerSub, latencyMs }: { subAccounts: number; keysPerSub: number; latencyMs: number }) {
  const seed = createLargeKucoinSeed({ subAccounts, keysPerSub, referenceMs: Date.now() });
  const simulator = await startSimulator({ kucoin: { seed, latencyMs, rateLimit: { quota: 1e9, windowMs: 30_000 } }, latencyMs, rateLimits: 'relaxed' });
  const demo = createDemoWorkspace({ simulator, transport: fetchTransport, now: Date.now });
  const sessions = createSessionAuthority({ now: Date.now });
  let port = 0;
  const app = createApp({ getPort: () => port, workspace: demo.services, sessions, limiter: createAttemptLimiter({ now: Date.now }), logger: silentLogger, staticDir: STATIC_DIR });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    audits: demo.services.audits,
    launchUrl: () => `http://127.0.0.1:${port}/#t=${sessions.issueLaunchToken()}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await simulator.close();
      demo.dispose();
    },
  };
}
