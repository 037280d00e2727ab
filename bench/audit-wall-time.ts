import { createKucoinAdapter } from '../server/src/exchanges/kucoin/kucoin-adapter.ts';
import { createLargeKucoinSeed, KUCOIN_DEMO_CONNECTION } from '../server/src/simulator/kucoin/kucoin-demo-seed.ts';
import { fetchTransport } from '../server/src/exchanges/http-transport.ts';
import { createAuditService } from '../server/src/audit/audit-service.ts';
import { evaluateFindings } from '../server/src/findings/index.ts';
import { redact } from '../server/src/secrets/redacted.ts';
import { startSimulator } from '../server/src/simulator/create-simulator.ts';

export type WallTimeOptions = { subAccounts: number; keysPerSub: number; latencyMs: number; concurrency: number; quota: number; windowMs: number };

/**
 * Audits a master account with many sub-accounts against the simulator and compares the wall time
 * with the two floors nothing can beat: the latency floor set by the concurrency limit, and the
 * rate-limit floor set by KuCoin's Management pool (quota per window, weights from docs/exchanges/kucoin.md#rate-limits).
 */
export async function measureAuditWallTime(options: WallTimeOptions) {
  const seed = createLargeKucoinSeed({ subAccounts: options.subAccounts, keysPerSub: options.keysPerSub, referenceMs: Date.now() });
  const simulator = await startSimulator({ kucoin: { seed, latencyMs: options.latencyMs, rateLimit: { quota: options.quota, windowMs: options.windowMs } } });
  const connection = {
    id: 'bench',
    exchange: 'kucoin' as const,
    label: 'bench',
    baseUrl: simulator.baseUrls.kucoin,
    credentials: { apiKey: KUCOIN_DEMO_CONNECTION.apiKey, secret: redact(KUCOIN_DEMO_CONNECTION.secret), passphrase: redact(KUCOIN_DEMO_CONNECTION.passphrase) },
  };
  const adapter = createKucoinAdapter({ transport: fetchTransport, baseUrl: simulator.baseUrls.kucoin, now: Date.now });
  const audit = createAuditService({
    listConnections: async () => [connection],
    adapterFor: () => adapter,
    evaluateFindings: (keys) => evaluateFindings(keys, { now: Date.now() }),
    actions: { append: async () => undefined },
    now: Date.now,
    concurrencyPerConnection: options.concurrency,
  });
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const run = await audit.audit();
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  await simulator.close();

  const pages = Math.ceil(options.subAccounts / 100);
  // Sequential calls (server time, calling key, each sub-account page) then the sub-account fan-out.
  const latencyFloorMs = (2 + pages + Math.ceil(options.subAccounts / options.concurrency)) * options.latencyMs;
  const weight = 20 + 20 * pages + 20 * options.subAccounts;
  const rateLimitFloorMs = Math.max(0, Math.ceil(weight / options.quota) - 1) * options.windowMs;
  const floorMs = Math.max(latencyFloorMs, rateLimitFloorMs);
  return {
    keys: run.keys.length,
    findings: run.findings.length,
    status: run.connections[0].status,
    rateLimited: simulator.kucoin.state.stats.rateLimited,
    wallMs,
    latencyFloorMs,
    rateLimitFloorMs,
    ratioToFloor: wallMs / floorMs,
    peakRssDeltaMb: (peakRss - rssBefore) / 2 ** 20,
  };
}
