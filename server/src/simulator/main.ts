// `npm run simulator`: the exchange simulators on their own, for pointing a connection or a test at.
import { startSimulator } from './create-simulator.ts';
import { KUCOIN_DEMO_CONNECTION } from '../exchanges/kucoin/kucoin-demo-seed.ts';

const port = Number(process.env.KEYAUDIT_SIMULATOR_PORT ?? 7421);
const latencyMs = Number(process.env.KEYAUDIT_DEMO_LATENCY_MS ?? 0);
const simulator = await startSimulator({ port, kucoin: { latencyMs } });
process.stdout.write(
  `Exchange simulators on ${simulator.url}\n` +
    `  KuCoin base URL: ${simulator.baseUrls.kucoin}  (demo master key ${KUCOIN_DEMO_CONNECTION.apiKey})\n`,
);
const stop = () => simulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
