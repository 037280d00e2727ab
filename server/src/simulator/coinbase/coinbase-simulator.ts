// A Coinbase Advanced Trade stand-in for demo mode and tests: the endpoints of docs/exchanges/coinbase.md with CDP JWT
// checks in coinbase-simulator-auth.ts and Coinbase's error bodies.
import express, { type Request, type Response, type Router } from 'express';
import { authenticateCoinbaseRequest } from './coinbase-simulator-auth.ts';
import { COINBASE_DOCUMENTED_RATE_LIMIT, createCoinbaseSimulatorState, type CoinbaseKeyOwner, type CoinbaseSeed, type CoinbaseSimulatorState } from './coinbase-simulator-state.ts';
import { createCoinbaseDemoSeed } from './coinbase-demo-seed.ts';
import { simulatorEntry, simulatorExit, type ExchangeSimulatorOptions } from '../simulator-entry.ts';
import { receivedRequest, sendReply as send, type StatusReply as Reply } from '../simulator-http.ts';

export type CoinbaseSimulatorOptions = ExchangeSimulatorOptions<CoinbaseSeed> & {
  /** Defaults to 30 private requests per key and second. */
  rateLimit?: { requestsPerSecond: number };
};

const PREFIX = '/api/v3/brokerage';

export function createCoinbaseSimulator(options: CoinbaseSimulatorOptions = {}): { router: Router; state: CoinbaseSimulatorState } {
  const state = createCoinbaseSimulatorState(options.seed ?? createCoinbaseDemoSeed(), {
    now: options.now ?? Date.now,
    requestsPerSecond: (options.rateLimit ?? COINBASE_DOCUMENTED_RATE_LIMIT).requestsPerSecond,
  });
  const router = express.Router();
  router.use(simulatorEntry((path) => path.startsWith(`${PREFIX}/`), state, options.latencyMs));

  router.get(`${PREFIX}/time`, (_req, res) => {
    const nowMs = state.nowMs();
    send(res, { status: 200, body: { iso: new Date(nowMs).toISOString(), epochSeconds: String(Math.floor(nowMs / 1000)), epochMillis: String(nowMs) } });
  });

  const privateRoute = (handle: (owner: CoinbaseKeyOwner) => Reply) => (req: Request, res: Response) => {
    const auth = authenticateCoinbaseRequest(receivedRequest(req), req.path, state);
    // Coinbase answers every authentication failure alike: HTTP 401, "Unauthorized".
    if ('rejection' in auth) return void res.status(401).type('text/plain').send('Unauthorized\n');
    if (!state.charge(auth.owner.key.apiKey)) {
      state.stats.rateLimited += 1;
      return send(res, { status: 429, body: { error: 'rate_limit_exceeded', error_details: 'Too many requests', message: 'Too many requests' } });
    }
    return send(res, handle(auth.owner));
  };

  router.get(`${PREFIX}/key_permissions`, privateRoute(({ key }) => {
    if (!key.canView) return { status: 403, body: { error: 'PERMISSION_DENIED', error_details: 'Missing required scopes', message: 'Missing required scopes' } };
    return {
      status: 200,
      body: { can_view: key.canView, can_trade: key.canTrade, can_transfer: key.canTransfer, can_receive: key.canReceive, portfolio_uuid: key.portfolioUuid, portfolio_type: key.portfolioType },
    };
  }));

  router.use(simulatorExit(
    (_req, res) => send(res, { status: 404, body: { error: 'NOT_FOUND', error_details: 'Not Found', message: 'Not Found' } }),
    (res) => send(res, { status: 400, body: { error: 'INVALID_ARGUMENT', error_details: 'bad request', message: 'bad request' } }),
  ));
  return { router, state };
}
