// A Bitget V2 stand-in for demo mode and tests: GET /api/v2/spot/account/info as docs/exchanges/bitget.md#calling-key
// describes it, the virtual sub-accounts and their keys (#sub-accounts, #sub-account-keys), Bitget's
// {code, msg, requestTime, data} envelope and codes, 40085 for unified trading accounts, and each endpoint's limit;
// signature checks in bitget-simulator-auth.ts.
import express, { type Request, type Response, type Router } from 'express';
import { authenticateBitgetRequest } from './bitget-simulator-auth.ts';
import {
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
  /** Calls per second per UID, for every endpoint; defaults to each endpoint's documented limit. */
  requestsPerSecond?: number;
  /** Sub-accounts per page when the caller gives no `limit`; Bitget's default is 100. */
  subAccountPageSize?: number;
};

type Reply = { code: string; msg: string; data: unknown; status?: number };
const ok = (data: unknown): Reply => ({ code: '00000', msg: 'success', data });
// Which code Bitget answers a main key bound to no IP, or a sub-account's key, is not documented
// (docs/exchanges/bitget.md#sub-accounts): the simulator answers "Incorrect permissions".
const NOT_ALLOWED: Reply = { code: '40014', msg: 'Incorrect permissions', data: null, status: 400 };
const BAD_PARAMETER: Reply = { code: '40017', msg: 'Parameter verification failed', data: null, status: 400 };
const SERVER_ERROR: Reply = { code: '40015', msg: 'System is abnormal, please try again later', data: null, status: 500 };
const isIpBound = (ips: string) => ips.split(',').some((ip) => ip.trim() !== '');

export function createBitgetSimulator(options: BitgetSimulatorOptions = {}): { router: Router; state: BitgetSimulatorState } {
  const now = options.now ?? Date.now;
  const state = createBitgetSimulatorState(options.seed ?? createBitgetDemoSeed(), { now, ...(options.requestsPerSecond ? { requestsPerSecond: options.requestsPerSecond } : {}) });
  const defaultPageSize = options.subAccountPageSize ?? 100;
  const router = express.Router();
  router.use(simulatorEntry((path) => path.startsWith('/api/'), state, options.latencyMs));
  const send = (res: Response, code: string, msg: string, data: unknown, status = 200) =>
    res.status(status).json({ code, msg, requestTime: state.nowMs(), data });

  router.get('/api/v2/public/time', (_req, res) => send(res, '00000', 'success', { serverTime: String(state.nowMs()) }));

  const privateRoute = (handle: (owner: BitgetKeyOwner, params: URLSearchParams) => Reply) => (req: Request, res: Response) => {
    const auth = authenticateBitgetRequest(receivedRequest(req), state);
    if ('rejection' in auth) return send(res, auth.rejection.code, auth.rejection.msg, null, auth.rejection.status);
    if (!state.chargeCall(auth.owner.key.userId, req.path)) {
      state.stats.rateLimited += 1;
      return send(res, '429', 'Too Many Requests', null, 429);
    }
    const reply = handle(auth.owner, new URLSearchParams(req.url.split('?')[1] ?? ''));
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

  /** "Only supports API Key calls from the main account, and the API Key needs to be bound to an IP address." */
  const mayListSubAccounts = (owner: BitgetKeyOwner) => owner.account.kind === 'master' && isIpBound(owner.key.ips);

  // Newest first: `idLessThan` pages on towards smaller UIDs, `endId` is the last UID of the page.
  router.get('/api/v2/user/virtual-subaccount-list', privateRoute((owner, params) => {
    if (!mayListSubAccounts(owner)) return NOT_ALLOWED;
    const limit = params.has('limit') ? Number(params.get('limit')) : defaultPageSize;
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) return BAD_PARAMETER;
    const status = params.get('status');
    const idLessThan = params.get('idLessThan');
    if (idLessThan !== null && !/^\d{1,20}$/.test(idLessThan)) return BAD_PARAMETER;
    const page = [...state.listSubAccounts()]
      .filter((sub) => !status || sub.status === status)
      .filter((sub) => !idLessThan || BigInt(sub.subAccountUid) < BigInt(idLessThan))
      .sort((a, b) => (BigInt(b.subAccountUid) > BigInt(a.subAccountUid) ? 1 : -1))
      .slice(0, limit);
    return ok({
      endId: page.at(-1)?.subAccountUid ?? null,
      subAccountList: page.map((sub) => ({
        subAccountUid: sub.subAccountUid, subAccountName: sub.subAccountName, status: sub.status, permList: ['read', 'spot_trade', 'contract_trade'],
        label: sub.label, cTime: '1700000000000', uTime: '1700000000000',
      })),
    });
  }));

  // One answer with every key of the sub-account: no paging. ipList is a list (empty: bound to no IP).
  router.get('/api/v2/user/virtual-subaccount-apikey-list', privateRoute((owner, params) => {
    if (!mayListSubAccounts(owner)) return NOT_ALLOWED;
    const uid = params.get('subAccountUid') ?? '';
    const sub = state.findSubAccount(uid);
    if (!sub) return BAD_PARAMETER;
    if (state.faults.failSubAccounts.includes(uid)) return SERVER_ERROR;
    return ok(sub.keys.map((key) => ({
      subAccountUid: uid, label: key.note, subAccountApiKey: key.apiKey, permList: key.authorities,
      ipList: key.ips.split(',').map((ip) => ip.trim()).filter((ip) => ip !== ''),
    })));
  }));

  router.use(simulatorExit((_req, res) => send(res, '40404', 'Request URL NOT FOUND', null, 404), (res) => send(res, '40017', 'Parameter verification failed', null, 400)));
  return { router, state };
}
