import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createSimulator } from './create-simulator.ts';

describe(createSimulator.name, () => {
  it('mounts every simulator under its own prefix', async () => {
    const { app } = createSimulator();
    for (const path of ['/kucoin/api/v1/timestamp', '/okx/api/v5/public/time', '/gate/api/v4/spot/time', '/binance/api/v3/time', '/bybit/v5/market/time']) {
      expect((await request(app).get(path)).status, path).toBe(200);
    }
  });

  it('shows each simulator\'s keys under /_simulator, and nothing for names it does not simulate', async () => {
    const simulator = createSimulator();
    const keys = await request(simulator.app).get('/_simulator/okx/keys');
    expect(keys.body.keys).toEqual(simulator.okx.state.listAllKeys());
    expect(keys.body.keys.length).toBeGreaterThan(0);
    for (const name of ['nasdaq', 'constructor', '__proto__']) {
      expect((await request(simulator.app).get(`/_simulator/${name}/keys`)).status, name).toBe(404);
    }
  });
});
