// A Bitget V2 stand-in for demo mode and tests: GET /api/v2/spot/account/info as docs/exchanges/bitget.md#calling-key
// describes it, Bitget's {code, msg, requestTime, data} envelope and codes, 40085 for unified trading accounts, and the
// endpoint's one-per-second limit; signature checks in bitget-simulator-auth.ts.
import express, { type Request, type Response, type Router } from 'express';
import { authenticateBitgetRequest } from './bitget-simulator-auth.ts';
import {
  BITGET_DOCUMENTED_REQUESTS_PER_SECOND,
  createBitgetSimulatorState,
  type BitgetKeyOwner,
  type BitgetSeed,
  type BitgetSimulatorState,
} from './bitget-simulator-state.ts';
import { createBitgetDemoSeed } from './bitget-demo-seed.ts';
import { simulatorEntry, simulatorExit, type ExchangeSimulatorOptions } from '../simulator-entry.ts';
import { receivedRequest } from '../simulator-http.ts';

/** The default seed is the demo fixture. */
export type BitgetSimulatorOptions = ExchangeSimulatorOptions<BitgetSeed> & {
  /** Calls per second per UID and endpoint; defaults to the documented 1. */
  requestsPerSecond?: number;
};

export function createBitgetSimulator(options: BitgetSimulatorOptions = {}): { router: Router; state: BitgetSimulatorState } {
  const now = options.now ?? Date.now;
  const state = createBitgetSimulatorState(options.seed ?? createBitgetDemoSeed(), { now, requestsPerSecond: options.requestsPerSecond ?? BITGET_DOCUMENTED_REQUESTS_PER_SECOND });
  const router = express.Router();
  router.use(simulatorEntry((path) => path.startsWith('/api/'), state, options.latencyMs));
  const send = (res: Response, code: string, msg: string, data: unknown, status = 200) =>
    res.status(status).json({ code, msg, requestTime: state.nowMs(), data });

  router.get('/api/v2/public/time', (_req, res) => send(res, '00000', 'success', { serverTime: String(state.nowMs()) }));

  const privateRoute = (handle: (owner: BitgetKeyOwner) => { code: string; msg: string; data: unknown; status?: number }) => (req: Request, res: Response) => {
    const auth = authenticateBitgetRequest(receivedRequest(req), state);
    if ('rejection' in auth) return send(res, auth.rejection.code, auth.rejection.msg, null, auth.rejection.status);
    if (!state.chargeCall(auth.owner.key.userId, req.path)) {
      state.stats.rateLimited += 1;
      return send(res, '429', 'Too Many Requests', null, 429);
    }
    const reply = handle(auth.owner);
    return send(res, reply.code, reply.msg, reply.data, reply.status);
  };

  router.get('/api/v2/spot/account/info', privateRoute(({ key }) => {
    // Wording unverified (docs/exchanges/bitget.md#errors); keyaudit matches the code only.
    if (key.isUnifiedAccount) return { code: '40085', msg: 'The current account is a unified account and does not support this interface', data: null, status: 400 };
    return {
      code: '00000',
      msg: 'success',
      data: { userId: key.userId, inviterId: '0', ips: key.ips, authorities: key.authorities, parentId: 0, traderType: 'none', channelCode: '', channel: '', regisTime: '1700000000000' },
    };
  }));

  router.use(simulatorExit((_req, res) => send(res, '40404', 'Request URL NOT FOUND', null, 404), (res) => send(res, '40017', 'Parameter verification failed', null, 400)));
  return { router, state };
}
