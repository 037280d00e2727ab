import { EXCHANGE_IDS, type ExchangeId } from '../server/src/contract/exchange-id.ts';
import { createAuditService } from '../server/src/audit/audit-service.ts';
import type { ExchangeAdapter } from '../server/src/exchanges/exchange-adapter.ts';
import { fetchTransport, type HttpTransport } from '../server/src/exchanges/http-transport.ts';
import { createAdapter } from '../server/src/exchanges/registry.ts';
import { evaluateFindings } from '../server/src/findings/index.ts';
import { createLargeBinanceSeed } from '../server/src/simulator/binance/binance-demo-seed.ts';
import { createLargeBybitSeed } from '../server/src/simulator/bybit/bybit-demo-seed.ts';
import { startSimulator } from '../server/src/simulator/create-simulator.ts';
import { createLargeGateSeed } from '../server/src/simulator/gate/gate-demo-seed.ts';
import { createLargeKucoinSeed } from '../server/src/simulator/kucoin/kucoin-demo-seed.ts';
import { createLargeOkxSeed } from '../server/src/simulator/okx/okx-demo-seed.ts';
import { createDemoConnections } from '../server/src/workspace/demo-connections.ts';
import { floorOf } from './audit-floor.ts';
import { EXCHANGE_AUDIT_PLANS, type AccountShape } from './exchange-audit-plans.ts';

export type FiveExchangeOptions = {
  subAccounts: number;
  keysPerSub: number;
  /**
   * Sub-account counts that differ from `subAccounts`, per exchange. Binance's is smaller by default: at its
   * documented 3 000 UID weight per key call and 180 000 a minute, each key's IP-restriction read admits 60 keys a
   * minute, so 200 × 25 keys would set an 83-minute floor.
   */
  subAccountsByExchange: Partial<Record<ExchangeId, number>>;
  latencyMs: number;
  concurrency: number;
};

/**
 * One audit, through the audit service, of a master connection on each of the five simulators at once, every
 * simulator with its documented rate limits. Exchanges pace themselves apart, so the run should end with the slowest
 * exchange's own floor and no exchange should see a 429.
 */
export async function measureFiveExchangeWallTime(options: FiveExchangeOptions) {
  const referenceMs = Date.now();
  const shapeOf = (exchange: ExchangeId): AccountShape => ({
    subAccounts: options.subAccountsByExchange[exchange] ?? options.subAccounts,
    keysPerSub: options.keysPerSub,
    concurrency: options.concurrency,
  });
  const seed = (exchange: ExchangeId) => ({ ...shapeOf(exchange), referenceMs });
  const simulator = await startSimulator({
    latencyMs: options.latencyMs,
    kucoin: { seed: createLargeKucoinSeed(seed('kucoin')) },
    okx: { seed: createLargeOkxSeed(seed('okx')) },
    gate: { seed: createLargeGateSeed(seed('gate')) },
    binance: { seed: createLargeBinanceSeed(seed('binance')) },
    bybit: { seed: createLargeBybitSeed(seed('bybit')) },
  });
  const connections = createDemoConnections(simulator.baseUrls);
  const startedAtMs = Date.now();
  const doneAtMs: Partial<Record<ExchangeId, number>> = {};
  /** Notes when each exchange's last answer came: its own wall time. */
  const timedTransport = (exchange: ExchangeId): HttpTransport => async (request) => {
    const response = await fetchTransport(request);
    doneAtMs[exchange] = Date.now();
    return response;
  };
  const adapters = new Map<string, ExchangeAdapter>();
  const audit = createAuditService({
    listConnections: async () => connections,
    adapterFor: (connection) => {
      const adapter = adapters.get(connection.id) ?? createAdapter(connection.exchange, { transport: timedTransport(connection.exchange), baseUrl: connection.baseUrl!, now: Date.now });
      adapters.set(connection.id, adapter);
      return adapter;
    },
    evaluateFindings: (keys) => evaluateFindings(keys, { now: Date.now() }),
    actions: { append: async () => undefined },
    now: Date.now,
    concurrencyPerConnection: options.concurrency,
  });
  const run = await audit.audit();
  const wallMs = Date.now() - startedAtMs;
  await simulator.close();

  const exchanges = EXCHANGE_IDS.map((exchange) => {
    const plan = EXCHANGE_AUDIT_PLANS[exchange](shapeOf(exchange));
    const { floorMs, latencyFloorMs } = floorOf(plan, { latencyMs: options.latencyMs, startedAtMs });
    const { stats } = simulator[exchange].state;
    const ownWallMs = (doneAtMs[exchange] ?? startedAtMs) - startedAtMs;
    return {
      exchange,
      keys: run.keys.filter((key) => key.exchange === exchange).length,
      status: run.connections.find((connection) => connection.exchange === exchange)?.status ?? 'missing',
      requests: stats.requests,
      plannedRequests: plan.requests,
      rateLimited: stats.rateLimited,
      wallMs: ownWallMs,
      floorMs,
      latencyFloorMs,
      ratioToFloor: ownWallMs / floorMs,
    };
  });
  const slowestFloorMs = Math.max(...exchanges.map((exchange) => exchange.floorMs));
  /** When the last exchange answered; what follows is keyaudit's own work on the keys (findings, sorting). */
  const lastAnswerMs = Math.max(...exchanges.map((exchange) => exchange.wallMs));
  return { wallMs, lastAnswerMs, slowestFloorMs, ratioToSlowestFloor: wallMs / slowestFloorMs, keys: run.keys.length, findings: run.findings.length, exchanges };
}
