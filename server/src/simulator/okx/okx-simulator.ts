// An OKX stand-in for demo mode and tests: the key endpoints of docs/exchanges/okx.md with OKX's envelopes,
// error codes and per-endpoint limits, signature checks in okx-simulator-auth.ts.
import express, { type Request, type Response, type Router } from 'express';
import { authenticateOkxRequest } from './okx-simulator-auth.ts';
import {
  createOkxSimulatorState,
  OKX_DOCUMENTED_RATE_LIMITS,
  type OkxKeyOwner,
  type OkxRateLimits,
  type OkxSeed,
  type OkxSeedKey,
  type OkxSimulatorState,
} from './okx-simulator-state.ts';
import { createOkxDemoSeed } from './okx-demo-seed.ts';
import { simulatorEntry, simulatorExit, type ExchangeSimulatorOptions } from '../simulator-entry.ts';
import { receivedRequest, sendReply as send, type StatusReply as Reply } from '../simulator-http.ts';
import { createSimulatorVariant, type SimulatorVariant } from '../simulator-variant.ts';

export type OkxSimulatorOptions = ExchangeSimulatorOptions<OkxSeed> & {
  /** Per-endpoint limits; defaults to the documented ones. */
  rateLimits?: OkxRateLimits;
  /** How OKX answers; switchable later through the simulator's `variant`. */
  variant?: Partial<OkxSimulatorVariant>;
};

/** Documented answers keyaudit must handle (docs/exchanges/okx.md#sub-account-keys). */
export type OkxSimulatorVariant = {
  /** 'masked': GET /api/v5/users/subaccount/apikey lists every key as "apiKey": "******", as every example in OKX's docs does. */
  subAccountApiKeyIds: 'shown' | 'masked';
};
const DEFAULT_VARIANT: OkxSimulatorVariant = { subAccountApiKeyIds: 'shown' };
type PrivateRequest = { owner: OkxKeyOwner; query: URLSearchParams; body: Record<string, unknown> };

const isOkxPath = (path: string) => path.startsWith('/api/v5/');
const ok = (data: unknown[]): Reply => ({ status: 200, body: { code: '0', msg: '', data } });
const fail = (status: number, code: string, msg: string): Reply => ({ status, body: { code, msg, data: [] } });
const missingParameter = (name: string) => fail(400, '50014', `Parameter ${name} can not be empty.`);
const NOT_MASTER = fail(200, '59500', 'Only the API key of the main account has permission.');
const NO_PERMISSION = fail(200, '50120', "This API key doesn't have permission to use this function");
const SYSTEM_ERROR = fail(500, '50026', 'System error. Try again later');
const NO_SUB_ACCOUNT = fail(200, '59510', 'Sub-account does not exist');

export function createOkxSimulator(options: OkxSimulatorOptions = {}): { router: Router; state: OkxSimulatorState; variant: SimulatorVariant<OkxSimulatorVariant> } {
  const variant = createSimulatorVariant(DEFAULT_VARIANT, options.variant);
  const state = createOkxSimulatorState(options.seed ?? createOkxDemoSeed(), {
    now: options.now ?? Date.now,
    rateLimits: options.rateLimits ?? OKX_DOCUMENTED_RATE_LIMITS,
  });
  const router = express.Router();
  // Only OKX's paths: the router may be mounted next to other apps.
  router.use(simulatorEntry(isOkxPath, state, options.latencyMs));

  router.get('/api/v5/public/time', (_req, res) => send(res, ok([{ ts: String(state.nowMs()) }])));

  /** Authenticates, takes a slot of the endpoint's limit, requires read_only, and reads query and JSON body. */
  const privateRoute = (handle: (request: PrivateRequest) => Reply) => (req: Request, res: Response) => {
    const received = receivedRequest(req);
    const auth = authenticateOkxRequest(received, state);
    if ('rejection' in auth) return send(res, fail(auth.rejection.status, auth.rejection.code, auth.rejection.msg));
    if (!state.takeRateLimitSlot(auth.owner.uid, req.path)) {
      state.stats.rateLimited += 1;
      return send(res, fail(429, '50011', 'Too Many Requests'));
    }
    if (!permsOf(auth.owner.key).includes('read_only')) return send(res, NO_PERMISSION);
    const parsed = readJsonBody(req.method, req.headers['content-type'], received.body);
    if ('reply' in parsed) return send(res, parsed.reply);
    return send(res, handle({ owner: auth.owner, query: new URL(req.url, 'http://okx.invalid').searchParams, body: parsed.json }));
  };
  /** Sub-account management needs a master-account key. */
  const masterOnly = (handle: (request: PrivateRequest) => Reply) => (request: PrivateRequest) =>
    request.owner.account.kind === 'master' ? handle(request) : NOT_MASTER;

  router.get('/api/v5/account/config', privateRoute(({ owner }) => ok([accountConfigView(owner, state.masterUid())])));

  router.get('/api/v5/users/subaccount/list', privateRoute(masterOnly(({ query }) => {
    const limit = Number(query.get('limit') ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return fail(400, '51000', 'Parameter limit error');
    const [after, before] = [Number(query.get('after') ?? Infinity), Number(query.get('before') ?? -Infinity)];
    const subAcct = query.get('subAcct');
    const items = [...state.listSubAccounts()]
      .filter((sub) => sub.createdAtMs < after && sub.createdAtMs > before && (!subAcct || sub.subAcct === subAcct))
      .filter(() => query.get('enable') !== 'false')
      .sort((a, b) => b.createdAtMs - a.createdAtMs)
      .slice(0, limit);
    return ok(items.map((sub) => ({
      canTransOut: false, enable: true, frozenFunc: [], gAuth: false, label: sub.label, mobile: '', subAcct: sub.subAcct,
      ts: String(sub.createdAtMs), type: '1', uid: sub.uid, subAcctLv: '1', firstLvSubAcct: sub.subAcct, ifDma: false,
    })));
  })));

  router.get('/api/v5/users/subaccount/apikey', privateRoute(masterOnly(({ query }) => {
    const subAcct = query.get('subAcct');
    if (!subAcct) return missingParameter('subAcct');
    const sub = state.findSubAccount(subAcct);
    if (!sub) return NO_SUB_ACCOUNT;
    if (state.faults.failSubAccounts.includes(sub.subAcct)) return SYSTEM_ERROR;
    const apiKey = query.get('apiKey');
    const keys = sub.keys.filter((key) => !apiKey || key.apiKey === apiKey);
    const idOf = (key: OkxSeedKey) => (variant.current.subAccountApiKeyIds === 'masked' ? '******' : key.apiKey);
    return ok(keys.map((key) => ({ label: key.label, apiKey: idOf(key), perm: key.perm, ip: key.ip, ts: String(key.createdAtMs) })));
  })));

  // "Applies to master accounts only and master accounts API Key must be linked to IP addresses." Permission: Trade.
  router.post('/api/v5/users/subaccount/delete-apikey', privateRoute(masterOnly(({ owner, body }) => {
    if (!permsOf(owner.key).includes('trade')) return NO_PERMISSION;
    if (owner.key.ip.trim() === '') return fail(403, '50035', 'This endpoint requires that APIKey must be bound to IP');
    const [subAcct, apiKey] = [body.subAcct, body.apiKey];
    if (typeof subAcct !== 'string' || !subAcct) return missingParameter('subAcct');
    if (typeof apiKey !== 'string' || !apiKey) return missingParameter('apiKey');
    const sub = state.findSubAccount(subAcct);
    if (!sub) return NO_SUB_ACCOUNT;
    if (state.faults.failSubAccounts.includes(sub.subAcct)) return SYSTEM_ERROR;
    if (!state.deleteKey({ kind: 'sub', name: sub.subAcct }, apiKey)) return fail(200, '59506', "API key doesn't exist.");
    return ok([{ subAcct: sub.subAcct }]);
  })));

  // "Reset the API Key of a sub-account" (docs/exchanges/okx.md#key-update): same master-key conditions as deletion. Each of
  // label, perm and ip "will be reset if this is passed through"; one left out stays; ip "" unbinds the key.
  router.post('/api/v5/users/subaccount/modify-apikey', privateRoute(masterOnly(({ owner, body }) => {
    if (!permsOf(owner.key).includes('trade')) return NO_PERMISSION;
    if (owner.key.ip.trim() === '') return fail(403, '50035', 'This endpoint requires that APIKey must be bound to IP');
    const { subAcct, apiKey, perm, ip, label } = body;
    if (typeof subAcct !== 'string' || !subAcct) return missingParameter('subAcct');
    if (typeof apiKey !== 'string' || !apiKey) return missingParameter('apiKey');
    const sub = state.findSubAccount(subAcct);
    if (!sub) return NO_SUB_ACCOUNT;
    if (state.faults.failSubAccounts.includes(sub.subAcct)) return SYSTEM_ERROR;
    const key = sub.keys.find((candidate) => candidate.apiKey === apiKey);
    if (!key) return fail(200, '59506', "API key doesn't exist.");
    if (perm !== undefined) {
      const words = typeof perm === 'string' ? perm.split(',').map((word) => word.trim()) : [];
      if (words.length === 0 || words.some((word) => !['read_only', 'trade'].includes(word))) return fail(400, '51000', 'Parameter perm error');
    }
    if (ip !== undefined && (typeof ip !== 'string' || ip.split(',').filter((entry) => entry.trim() !== '').length > 20)) {
      return fail(400, '51000', 'Parameter ip error');
    }
    if (typeof label === 'string') key.label = label;
    if (typeof perm === 'string') key.perm = perm.split(',').map((word) => word.trim()).join(',');
    if (typeof ip === 'string') key.ip = ip;
    // The docs' answer says "read" where every other answer says "read_only".
    return ok([{ subAcct: sub.subAcct, label: key.label, apiKey: key.apiKey, perm: key.perm.replace('read_only', 'read'), ip: key.ip, ts: String(key.createdAtMs) }]);
  })));

  // Undocumented: what OKX sends for a path it does not serve.
  router.use(simulatorExit((_req, res) => send(res, fail(404, '404', 'Not Found')), (res) => send(res, fail(400, '50002', 'JSON syntax error'))));
  return { router, state, variant };
}

function permsOf(key: OkxSeedKey): string[] {
  return key.perm.split(',').map((word) => word.trim());
}

/** POST bodies must be JSON objects sent as application/json (50006, 50000, 50002). */
function readJsonBody(method: string, contentType: string | undefined, body: string): { json: Record<string, unknown> } | { reply: Reply } {
  if (method !== 'POST') return { json: {} };
  if (!contentType?.toLowerCase().startsWith('application/json')) return { reply: fail(400, '50006', 'Invalid Content-Type. Please use "application/JSON".') };
  if (body.trim() === '') return { reply: fail(400, '50000', 'Body for POST request cannot be empty.') };
  try {
    const json: unknown = JSON.parse(body);
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) return { json: json as Record<string, unknown> };
  } catch {
    // falls through to the syntax error below
  }
  return { reply: fail(400, '50002', 'JSON syntax error') };
}

/** The fields of the docs' example (docs/exchanges/okx.md#calling-key), with this key's perm, ip and label. */
function accountConfigView(owner: OkxKeyOwner, masterUid: string) {
  const isMaster = owner.account.kind === 'master';
  return {
    acctLv: '2', acctStpMode: 'cancel_maker', autoLoan: false, ctIsoMode: 'automatic', enableSpotBorrow: false, greeksType: 'PA',
    feeType: '0', ip: owner.key.ip, type: isMaster ? '0' : '1', kycLv: isMaster ? '2' : '0', label: owner.key.label, level: 'Lv1',
    levelTmp: '', liquidationGear: '-1', mainUid: masterUid, mgnIsoMode: 'automatic', opAuth: '1', perm: owner.key.perm,
    posMode: 'net_mode', roleType: '0', spotBorrowAutoRepay: false, spotOffsetType: '', spotRoleType: '0', spotTraderInsts: [],
    stgyType: '0', traderInsts: [], uid: owner.uid, settleCcy: 'USDT', settleCcyList: ['USD', 'USDC', 'USDT'],
  };
}
