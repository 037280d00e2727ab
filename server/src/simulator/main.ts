// `npm run simulator`: the exchange simulators on their own, for pointing a connection or a test at.
import { startSimulator } from './create-simulator.ts';
import { KUCOIN_DEMO_CONNECTION } from './kucoin/kucoin-demo-seed.ts';

const port = Number(process.env.KEYAUDIT_SIMULATOR_PORT ?? 7421);
const latencyMs = Number(process.env.KEYAUDIT_DEMO_LATENCY_MS ?? 0);
const rateLimits = process.env.KEYAUDIT_SIMULATOR_RATE_LIMITS === 'relaxed' ? 'relaxed' : 'documented';
const simulator = await startSimulator({ port, latencyMs, rateLimits });
process.stdout.write(
  `Exchange simulators on ${simulator.url}\n` +
    Object.entries(simulator.baseUrls).map(([exchange, baseUrl]) => `  ${exchange}: ${baseUrl}\n`).join('') +
    `Demo credentials are in server/src/exchanges/<exchange>/<exchange>-demo-seed.ts (KuCoin master key ${KUCOIN_DEMO_CONNECTION.apiKey}).\n`,
);
const stop = () => simulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
