import express, { type Router } from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EXCHANGE_IDS, type ExchangeId } from '@contract/exchange-id.ts';
import { createKucoinSimulator, type KucoinSimulatorOptions } from './kucoin/kucoin-simulator.ts';
import { createKucoinDemoSeed } from './kucoin/kucoin-demo-seed.ts';
import { createOkxSimulator, type OkxSimulatorOptions } from './okx/okx-simulator.ts';
import { OKX_DOCUMENTED_RATE_LIMITS } from './okx/okx-simulator-state.ts';
import { createOkxDemoSeed } from './okx/okx-demo-seed.ts';
import { createGateSimulator, type GateSimulatorOptions } from './gate/gate-simulator.ts';
import { createGateDemoSeed } from './gate/gate-demo-seed.ts';
import { createBinanceSimulator, type BinanceSimulatorOptions } from './binance/binance-simulator.ts';
import { createBinanceDemoSeed } from './binance/binance-demo-seed.ts';
import { createBybitSimulator, type BybitSimulatorOptions } from './bybit/bybit-simulator.ts';
import { createBybitDemoSeed } from './bybit/bybit-demo-seed.ts';
import { BYBIT_DOCUMENTED_RATE_LIMITS } from './bybit/bybit-simulator-state.ts';
import { createDeribitSimulator, type DeribitSimulatorOptions } from './deribit/deribit-simulator.ts';
import { createDeribitDemoSeed } from './deribit/deribit-demo-seed.ts';
import { DERIBIT_DOCUMENTED_CREDITS } from './deribit/deribit-simulator-state.ts';
import { createCoinbaseSimulator, type CoinbaseSimulatorOptions } from './coinbase/coinbase-simulator.ts';
import { createCoinbaseDemoSeed } from './coinbase/coinbase-demo-seed.ts';
import { createKrakenSimulator, type KrakenSimulatorOptions } from './kraken/kraken-simulator.ts';
import { createKrakenDemoSeed } from './kraken/kraken-demo-seed.ts';
import { createBitgetSimulator, type BitgetSimulatorOptions } from './bitget/bitget-simulator.ts';
import { createBitgetDemoSeed } from './bitget/bitget-demo-seed.ts';
import { createHtxSimulator, type HtxSimulatorOptions } from './htx/htx-simulator.ts';
import { createHtxDemoSeed } from './htx/htx-demo-seed.ts';
import type { SimulatorKeyListing } from './simulator-state.ts';
import { createRequestJournal } from './request-journal.ts';
import { simulatorFaultsSchema, type SimulatorFaultSwitches } from './simulator-faults.ts';

export type SimulatorOptions = {
  /** Delay before every answer, on every exchange. */
  latencyMs?: number;
  /**
   * documented: each exchange's published limits (the default, as a real account meets them).
   * relaxed: a thousand times higher, for test suites that audit far more often than a person.
   */
  rateLimits?: 'documented' | 'relaxed';
  kucoin?: KucoinSimulatorOptions;
  okx?: OkxSimulatorOptions;
  gate?: GateSimulatorOptions;
  binance?: BinanceSimulatorOptions;
  bybit?: BybitSimulatorOptions;
  deribit?: DeribitSimulatorOptions;
  coinbase?: CoinbaseSimulatorOptions;
  kraken?: KrakenSimulatorOptions;
  bitget?: BitgetSimulatorOptions;
  htx?: HtxSimulatorOptions;
};

/**
 * Every exchange simulator behind one loopback server, each under its own prefix
 * (/kucoin/api/v1/..., /okx/api/v5/..., /binance/sapi/v1/...), plus a read-only view of their keys and of the
 * requests they received (the journal) under /_simulator for tests, where tests also set each simulator's faults.
 * Demo key ages are relative to today, so the demo never grows stale.
 */
export function createSimulator(options: SimulatorOptions = {}) {
  const now = Date.now();
  const relaxed = options.rateLimits === 'relaxed';
  const latencyMs = options.latencyMs ?? 0;
  /** The demo seed dated from today, the shared latency and, when relaxed, the given limits. */
  const defaults = <Seed, Limits>(seed: Seed, relaxedLimits: Limits) => ({ seed, latencyMs, ...(relaxed ? relaxedLimits : {}) });
  const simulators = {
    kucoin: createKucoinSimulator({ ...defaults(createKucoinDemoSeed(now), { rateLimit: { quota: 2_000_000, windowMs: 30_000 } }), ...options.kucoin }),
    okx: createOkxSimulator({ ...defaults(createOkxDemoSeed(now), { rateLimits: scaleOkxLimits(1000) }), ...options.okx }),
    gate: createGateSimulator({
      ...defaults(createGateDemoSeed(now), { rateLimit: { windowMs: 10_000, subAccountLimit: 80_000, otherLimit: 150_000 } }),
      ...options.gate,
    }),
    binance: createBinanceSimulator({
      ...defaults(createBinanceDemoSeed(now), { rateLimit: { ipWeightPerMinute: 12_000_000, uidWeightPerMinute: 180_000_000 } }),
      ...options.binance,
    }),
    bybit: createBybitSimulator({
      ...defaults(createBybitDemoSeed(now), { rateLimits: Object.fromEntries(Object.keys(BYBIT_DOCUMENTED_RATE_LIMITS).map((path) => [path, 10_000])) }),
      ...options.bybit,
    }),
    deribit: createDeribitSimulator({
      ...defaults(createDeribitDemoSeed(now), { credits: { ...DERIBIT_DOCUMENTED_CREDITS, refillPerSecond: DERIBIT_DOCUMENTED_CREDITS.refillPerSecond * 1000, maxCredits: DERIBIT_DOCUMENTED_CREDITS.maxCredits * 1000 } }),
      ...options.deribit,
    }),
    coinbase: createCoinbaseSimulator({ ...defaults(createCoinbaseDemoSeed(), { rateLimit: { requestsPerSecond: 30_000 } }), ...options.coinbase }),
    kraken: createKrakenSimulator({
      ...defaults(createKrakenDemoSeed(now), { callCounter: { maximum: 15_000, decayPerSecond: 330 } }),
      ...options.kraken,
    }),
    bitget: createBitgetSimulator({ ...defaults(createBitgetDemoSeed(), { requestsPerSecond: 1_000 }), ...options.bitget }),
    htx: createHtxSimulator({ ...defaults(createHtxDemoSeed(now), { requestsPerSecond: 10_000 }), ...options.htx }),
  } satisfies Partial<Record<ExchangeId, { router: Router; state: { listAllKeys(): SimulatorKeyListing[] } & Pick<SimulatorFaultSwitches, 'setFaults' | 'clearFaults'> }>>;

  const journal = createRequestJournal(Object.keys(simulators));
  const app = express();
  app.disable('x-powered-by');
  app.use(journal.record);
  for (const [exchange, simulator] of Object.entries(simulators)) app.use(`/${exchange}`, simulator.router);
  app.get('/_simulator/:exchange/keys', (req, res) => {
    const exchange = req.params.exchange;
    if (!Object.hasOwn(simulators, exchange)) return void res.status(404).json({ error: 'no such simulator' });
    res.json({ keys: simulators[exchange as keyof typeof simulators].state.listAllKeys() });
  });
  // Browser tests switch faults on the running demo (a rate-limited or failing exchange). JSON only: a page elsewhere
  // cannot send that without a CORS preflight, which this server never answers.
  app.put('/_simulator/:exchange/faults', express.json({ limit: '4kb' }), (req, res) => {
    const exchange = req.params.exchange;
    if (!Object.hasOwn(simulators, exchange)) return void res.status(404).json({ error: 'no such simulator' });
    const parsed = simulatorFaultsSchema.safeParse(req.body);
    if (!parsed.success || !req.is('application/json')) return void res.status(400).json({ error: 'expected a JSON object of fault switches' });
    const { state } = simulators[exchange as keyof typeof simulators];
    state.clearFaults();
    state.setFaults(parsed.data);
    res.status(204).end();
  });
  app.get('/_simulator/requests', (req, res) => {
    res.json({ requests: journal.since(Number(req.query.since ?? 0) || 0), nextSeq: journal.nextSeq });
  });
  return { app, ...simulators, journal };
}

function scaleOkxLimits(factor: number) {
  return Object.fromEntries(Object.entries(OKX_DOCUMENTED_RATE_LIMITS).map(([path, limit]) => [path, { ...limit, requests: limit.requests * factor }]));
}

export type RunningSimulator = Awaited<ReturnType<typeof startSimulator>>;

export async function startSimulator(options: SimulatorOptions & { port?: number } = {}) {
  const simulator = createSimulator(options);
  const server = http.createServer(simulator.app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...simulator,
    url,
    baseUrls: Object.fromEntries(EXCHANGE_IDS.map((exchange) => [exchange, `${url}/${exchange}`])) as Record<ExchangeId, string>,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // keep-alive sockets would otherwise hold close() open
      }),
  };
}
