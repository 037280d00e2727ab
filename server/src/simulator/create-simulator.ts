import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createKucoinSimulator, type KucoinSimulatorOptions } from '../exchanges/kucoin/kucoin-simulator.ts';
import { createKucoinDemoSeed } from '../exchanges/kucoin/kucoin-demo-seed.ts';

export type SimulatorOptions = { kucoin?: KucoinSimulatorOptions };

/**
 * Every exchange simulator behind one loopback server, each under its own prefix
 * (/kucoin/api/v1/...), plus a read-only view of their state under /_simulator for tests.
 */
export function createSimulator(options: SimulatorOptions = {}) {
  // Demo key ages are relative to today, so the demo never grows stale.
  const kucoin = createKucoinSimulator({ seed: createKucoinDemoSeed(Date.now()), ...options.kucoin });
  const app = express();
  app.disable('x-powered-by');
  app.use('/kucoin', kucoin.router);
  app.get('/_simulator/kucoin/keys', (_req, res) => {
    const accounts = [
      { account: 'master', keys: kucoin.state.listKeys({ kind: 'master', name: 'master' }) },
      ...kucoin.state.listSubAccounts().map((sub) => ({ account: sub.subName, keys: sub.keys })),
    ];
    res.json({
      keys: accounts.flatMap(({ account, keys }) => keys.map((key) => ({ account, apiKey: key.apiKey, label: key.remark }))),
    });
  });
  return { app, kucoin };
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
    baseUrls: { kucoin: `${url}/kucoin` },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // keep-alive sockets would otherwise hold close() open
      }),
  };
}
