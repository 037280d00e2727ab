import { EXCHANGE_IDS, type ExchangeId } from '../server/src/contract/exchange-id.ts';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiRoutes } from '../server/src/contract/api.ts';
import { createApp } from '../server/src/app.ts';
import { createLargeKucoinSeed, KUCOIN_DEMO_KEY_PASSPHRASE } from '../server/src/simulator/kucoin/kucoin-demo-seed.ts';
import { fetchTransport } from '../server/src/exchanges/http-transport.ts';
import { createAttemptLimiter } from '../server/src/http/attempt-limiter.ts';
import { createSessionAuthority } from '../server/src/http/session-authority.ts';
import { silentLogger } from '../server/src/logging/logger.ts';
import { startSimulator } from '../server/src/simulator/create-simulator.ts';
import { createDemoWorkspace } from '../server/src/workspace/create-demo-workspace.ts';

/** The exchange given the large seed below: the revoked key is one of its sub-account keys. */
const LARGE_SEED_EXCHANGE: ExchangeId = 'kucoin';

/**
 * What one revoke costs on the exchanges, counted by the simulators: a KuCoin master with `subAccounts`
 * sub-accounts beside the other demo exchanges, audited once, then one sub-account key revoked through
 * the HTTP route the page uses. The full audit's request count is the cost the old way (re-audit
 * after the revoke) would have added.
 */
export async function measureRevokeCost({ subAccounts, keysPerSub, latencyMs }: { subAccounts: number; keysPerSub: number; latencyMs: number }) {
  const seed = createLargeKucoinSeed({ subAccounts, keysPerSub, referenceMs: Date.now() });
  const simulator = await startSimulator({ kucoin: { seed, rateLimit: { quota: 1e9, windowMs: 30_000 } }, latencyMs, rateLimits: 'relaxed' });
  const demo = createDemoWorkspace({ simulator, transport: fetchTransport, now: Date.now });
  const sessions = createSessionAuthority({ now: Date.now });
  let port = 0;
  const app = createApp({ getPort: () => port, workspace: demo.services, sessions, limiter: createAttemptLimiter({ now: Date.now }), logger: silentLogger, staticDir: null });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const token = sessions.startSession(sessions.issueLaunchToken())!;

  const auditStartSeq = simulator.journal.nextSeq;
  const run = await demo.services.audits.current().audit();
  const auditRequests = simulator.journal.nextSeq - auditStartSeq;

  const target = run.keys.find((key) => key.exchange === LARGE_SEED_EXCHANGE && key.account.kind === 'sub' && key.revocability.canRevoke)!;
  const before = Object.fromEntries(EXCHANGE_IDS.map((id) => [id, simulator[id].state.stats.requests]));
  const since = simulator.journal.nextSeq;
  const started = performance.now();
  const response = await fetch(`${origin}/api/keys/${encodeURIComponent(target.id)}/revoke`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, origin, 'content-type': 'application/json' },
    body: JSON.stringify({ keyPassphrase: KUCOIN_DEMO_KEY_PASSPHRASE }),
  });
  const result = apiRoutes.revokeKey.output.parse(await response.json());
  const revokeMs = performance.now() - started;
  const perExchange = Object.fromEntries(EXCHANGE_IDS.map((id) => [id, simulator[id].state.stats.requests - before[id]]));
  const requests = simulator.journal.since(since).map((request) => `${request.method} ${request.path}${request.query.subName ? ` (${request.query.subName})` : ''}`);
  server.close();
  await simulator.close();
  demo.dispose();

  const total = Object.values(perExchange).reduce((sum, count) => sum + count, 0);
  const deletes = requests.filter((request) => request.startsWith('DELETE')).length;
  return { exchange: target.exchange, keys: run.keys.length, confirmation: result.confirmation, revokeMs, total, beyondDelete: total - deletes, perExchange, requests, auditRequests };
}
