// A Kraken Spot REST stand-in for demo mode and tests: GetApiKeyInfo as docs/exchanges/kraken.md#calling-key describes it,
// Kraken's {"error": [...], "result": …} envelope and error strings, nonces and the per-key call counter; signature
// checks in kraken-simulator-auth.ts.
import express, { type Request, type Response, type Router } from 'express';
import { authenticateKrakenRequest } from './kraken-simulator-auth.ts';
import {
  createKrakenSimulatorState,
  KRAKEN_DOCUMENTED_CALL_COUNTER,
  type KrakenCallCounter,
  type KrakenKeyOwner,
  type KrakenSeed,
  type KrakenSimulatorState,
} from './kraken-simulator-state.ts';
import { createKrakenDemoSeed } from './kraken-demo-seed.ts';
import { simulatorEntry, simulatorExit, type ExchangeSimulatorOptions } from '../simulator-entry.ts';
import { receivedRequest } from '../simulator-http.ts';

/** The default seed is the demo fixture dated from the simulator's clock. */
export type KrakenSimulatorOptions = ExchangeSimulatorOptions<KrakenSeed> & {
  /** Defaults to the Starter tier's counter. */
  callCounter?: KrakenCallCounter;
};

const PRIVATE_PREFIX = '/0/private/';

export function createKrakenSimulator(options: KrakenSimulatorOptions = {}): { router: Router; state: KrakenSimulatorState } {
  const now = options.now ?? Date.now;
  const state = createKrakenSimulatorState(options.seed ?? createKrakenDemoSeed(now()), { now, callCounter: options.callCounter ?? KRAKEN_DOCUMENTED_CALL_COUNTER });
  const router = express.Router();
  router.use(simulatorEntry((path) => path.startsWith('/0/'), state, options.latencyMs));
  const send = (res: Response, error: string[], result?: unknown) => res.status(200).json(result === undefined ? { error } : { error, result });

  router.get('/0/public/Time', (_req, res) => {
    const nowMs = state.nowMs();
    send(res, [], { unixtime: Math.floor(nowMs / 1000), rfc1123: new Date(nowMs).toUTCString() });
  });

  /** Authenticates (the signed path is the one Kraken's docs name: from "/0/private" on), then charges the key's counter. */
  const privateRoute = (handle: (owner: KrakenKeyOwner) => unknown) => (req: Request, res: Response) => {
    const auth = authenticateKrakenRequest(receivedRequest(req), req.path, state);
    if ('rejection' in auth) return send(res, [auth.rejection]);
    if (!state.chargeCall(auth.owner.key.apiKey)) {
      state.stats.rateLimited += 1;
      return send(res, ['EAPI:Rate limit exceeded']);
    }
    return send(res, [], handle(auth.owner));
  };

  router.post(`${PRIVATE_PREFIX}GetApiKeyInfo`, privateRoute(({ key }) => {
    const answer = {
      apiKeyName: key.apiKeyName,
      apiKey: key.apiKey,
      nonce: '0',
      nonceWindow: 0,
      permissions: key.permissions,
      iban: 'AA00 0000 0000 0000',
      validUntil: String(key.validUntilS),
      queryFrom: '0',
      queryTo: '0',
      createdTime: String(key.createdTimeS),
      modifiedTime: String(key.createdTimeS),
      ipAllowlist: key.ipAllowlist,
      lastUsed: key.lastUsedS === null ? null : String(key.lastUsedS),
    };
    // The answer reports the use before this one; this call is now the key's last use.
    key.lastUsedS = Math.floor(state.nowMs() / 1000);
    return answer;
  }));

  router.use(simulatorExit((_req, res) => send(res, ['EGeneral:Unknown method']), (res) => send(res, ['EGeneral:Invalid arguments'])));
  return { router, state };
}
