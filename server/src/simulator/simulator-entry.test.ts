// The steps every simulator router shares (simulator-entry.ts), checked through each of the five simulators.
import express, { type Router } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createBinanceSimulator } from './binance/binance-simulator.ts';
import { createBybitSimulator } from './bybit/bybit-simulator.ts';
import { createGateSimulator } from './gate/gate-simulator.ts';
import { createKucoinSimulator } from './kucoin/kucoin-simulator.ts';
import { createOkxSimulator } from './okx/okx-simulator.ts';
import type { SimulatorFaults } from './simulator-faults.ts';

type Simulator = { router: Router; state: { setFaults(faults: Partial<SimulatorFaults>): void; stats: { requests: number } } };

const simulators: [name: string, create: (options: { latencyMs?: number }) => Simulator, publicPath: string][] = [
  ['KuCoin', (options) => createKucoinSimulator(options), '/api/v1/timestamp'],
  ['Binance', (options) => createBinanceSimulator(options), '/api/v3/time'],
  ['OKX', (options) => createOkxSimulator(options), '/api/v5/public/time'],
  ['Bybit', (options) => createBybitSimulator(options), '/v5/market/time'],
  ['Gate', (options) => createGateSimulator(options), '/api/v4/spot/time'],
];

describe.each(simulators)('%s simulator entry', (_name, create, publicPath) => {
  it('leaves other paths to the app it is mounted in, request bodies included', async () => {
    const simulator = create({});
    simulator.state.setFaults({ garbage: true });
    const app = express();
    app.use(simulator.router);
    app.post('/api/session', express.json(), (req, res) => {
      res.json({ echoed: req.body });
    });
    const response = await request(app).post('/api/session').send({ launchToken: 't' });
    expect(response.body).toEqual({ echoed: { launchToken: 't' } });
    expect(simulator.state.stats.requests).toBe(0);
  });

  it('waits latencyMs before answering', async () => {
    const app = express().use(create({ latencyMs: 60 }).router);
    const startedMs = Date.now();
    await request(app).get(publicPath);
    expect(Date.now() - startedMs).toBeGreaterThanOrEqual(55);
  });
});
