// A Binance stand-in for demo mode and tests: the key endpoints of docs/exchanges/binance.md with Binance's
// error envelope and codes and per-endpoint weight budgets; signature checks in binance-simulator-auth.ts.
import express, { type Request, type Response, type Router } from 'express';
import { authenticateBinanceRequest } from './binance-simulator-auth.ts';
import {
  BINANCE_DOCUMENTED_RATE_LIMIT,
  createBinanceSimulatorState,
  type BinanceKeyOwner,
  type BinancePermissionFlag,
  type BinanceRateLimitConfig,
  type BinanceSeed,
  type BinanceSimulatorState,
} from './binance-simulator-state.ts';
import { createBinanceDemoSeed } from './binance-demo-seed.ts';
import { ipRestrictionView, restrictionsView, subAccountKeyView } from './binance-simulator-views.ts';
import { simulatorEntry, simulatorExit, type ExchangeSimulatorOptions } from '../simulator-entry.ts';
import { normalizeIp, receivedRequest, sendReply as send, type StatusReply as Reply } from '../simulator-http.ts';

/**
 * The documented shapes of answers that changed over time; the simulator speaks one of them.
 * sub-account-keys-rows: GET /sapi/v1/sub-account/subAccountApi pages its keys as `rows` (connector 15.0.0, 2026-07-29);
 * sub-account-keys-list: as `list`, the shape before (docs/exchanges/binance.md#sub-account-keys).
 */
export const BINANCE_VARIANTS = ['sub-account-keys-rows', 'sub-account-keys-list'] as const;
export type BinanceVariant = (typeof BINANCE_VARIANTS)[number];

export type BinanceSimulatorOptions = ExchangeSimulatorOptions<BinanceSeed> & {
  /** Which documented answer shape to speak (BINANCE_VARIANTS); defaults to sub-account-keys-rows. */
  variant?: BinanceVariant;
  /** Per-endpoint budgets; default 12 000 IP and 180 000 UID weight a minute. */
  rateLimit?: BinanceRateLimitConfig;
};

type Params = ReadonlyMap<string, string>;
type Route = { limit: 'ip' | 'uid'; weight: number; masterOnly?: boolean; needsTrade?: boolean };

const isBinancePath = (path: string) => /^\/s?api\/v\d+\//.test(path);
const ok = (body: unknown): Reply => ({ status: 200, body });
const fail = (status: number, code: number, msg: string): Reply => ({ status, body: { code, msg } });
const invalid = (name: string) => fail(400, -1130, `Data sent for parameter '${name}' is not valid.`);
const missing = (name: string) => fail(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);
const INTERNAL_ERROR = fail(500, -1001, 'Internal error; unable to process your request. Please try again.');
// Observed answer of sub-account endpoints for accounts without the function (UNVERIFIED for sub-account callers).
const NO_SUB_ACCOUNT_FUNCTION = fail(400, -8012, 'Sub-account function is not enabled.');
const KEY_REJECTED = fail(401, -2015, 'Invalid API-key, IP, or permissions for action.');
const USED_WEIGHT_HEADER = { ip: 'X-SAPI-USED-IP-WEIGHT-1M', uid: 'X-SAPI-USED-UID-WEIGHT-1M' } as const;

/** The permission update's parameters and the seed flags they set (the sub-account listing's can* names, binance-simulator-views.ts). */
const UPDATABLE_FLAGS = {
  canTrade: 'enableSpotAndMarginTrading', canMarginLoanRepay: 'enableMargin', canFuturesTrade: 'enableFutures',
  canUniversalTransfer: 'permitsUniversalTransfer', canVanillaOptions: 'enableVanillaOptions',
} as const satisfies Record<string, BinancePermissionFlag>;

export function createBinanceSimulator(options: BinanceSimulatorOptions = {}): { router: Router; state: BinanceSimulatorState } {
  const state = createBinanceSimulatorState(options.seed ?? createBinanceDemoSeed(), {
    now: options.now ?? Date.now,
    rateLimit: options.rateLimit ?? BINANCE_DOCUMENTED_RATE_LIMIT,
  });
  const router = express.Router();
  // Only Binance's paths: the router may be mounted at the root next to keyaudit's own /api routes.
  router.use(simulatorEntry(isBinancePath, state, options.latencyMs));

  /** Charges a budget; false (after answering 429 with Retry-After) when it is spent. */
  const charge = (res: Response, budgetId: string, header: string, limit: 'ip' | 'uid', weight: number) => {
    const result = state.chargeWeight(budgetId, limit, weight);
    res.set(header, String(result.usedWeight));
    if (result.isAllowed) return true;
    state.stats.rateLimited += 1;
    res.set('Retry-After', String(result.retryAfterSeconds));
    send(res, fail(429, -1003, 'Too much request weight used; current limit is exceeded. Please use WebSocket Streams for live updates to avoid polling the API.'));
    return false;
  };

  router.get('/api/v3/time', (req, res) => {
    if (charge(res, `ip GET /api/v3:${normalizeIp(req.socket.remoteAddress)}`, 'X-MBX-USED-WEIGHT-1M', 'ip', 1)) send(res, ok({ serverTime: state.nowMs() }));
  });

  const signed = (route: Route, handle: (owner: BinanceKeyOwner, params: Params) => Reply) => (req: Request, res: Response) => {
    const auth = authenticateBinanceRequest(receivedRequest(req), state);
    if ('rejection' in auth) return send(res, fail(auth.rejection.status, auth.rejection.code, auth.rejection.msg));
    const who = route.limit === 'uid' ? String(auth.owner.uid) : normalizeIp(req.socket.remoteAddress);
    if (!charge(res, `${route.limit} ${req.method} ${req.path}:${who}`, USED_WEIGHT_HEADER[route.limit], route.limit, route.weight)) return;
    if (route.masterOnly && auth.owner.account.kind !== 'master') return send(res, NO_SUB_ACCOUNT_FUNCTION);
    // Binance labels key deletion TRADE: the calling key needs its trade permission.
    if (route.needsTrade && !auth.owner.key.permissions.includes('enableSpotAndMarginTrading')) return send(res, KEY_REJECTED);
    return send(res, handle(auth.owner, auth.params));
  };

  /** The sub-account and key a request names, or the reply that refuses it. */
  const subAccountKeyOf = (params: Params, needsKey: boolean) => {
    const email = params.get('email');
    if (!email) return missing('email');
    const sub = state.findSubAccount(email);
    if (!sub) return invalid('email');
    if (state.faults.failSubAccounts.includes(email)) return INTERNAL_ERROR;
    const apiKey = params.get('subAccountApiKey');
    if (needsKey && !apiKey) return missing('subAccountApiKey');
    const key = apiKey ? sub.keys.find((candidate) => candidate.apiKey === apiKey) : undefined;
    if (needsKey && !key) return invalid('subAccountApiKey');
    return { sub, key, apiKey };
  };
  const isReply = (value: object): value is Reply => 'status' in value;

  router.get('/sapi/v1/account/apiRestrictions', signed({ limit: 'ip', weight: 1 }, (owner) => ok(restrictionsView(owner.key))));

  router.get('/sapi/v1/sub-account/list', signed({ limit: 'ip', weight: 1, masterOnly: true }, (_owner, params) => {
    const page = Number(params.get('page') ?? 1);
    const limit = Math.min(Number(params.get('limit') ?? 1), 200);
    if (!Number.isInteger(page) || page < 1) return invalid('page');
    if (!Number.isInteger(limit) || limit < 1) return invalid('limit');
    const email = params.get('email');
    const all = state.listSubAccounts().filter((sub) => !email || sub.email === email);
    return ok({
      subAccounts: all.slice((page - 1) * limit, page * limit).map((sub) => ({
        subUserId: sub.subUserId, email: sub.email, remark: sub.remark, isFreeze: false, createTime: sub.createdAtMs,
        isManagedSubAccount: false, isAssetManagementSubAccount: sub.isAssetManagement ?? false,
      })),
    });
  }));

  router.get('/sapi/v1/sub-account/subAccountApi', signed({ limit: 'uid', weight: 3_000, masterOnly: true }, (_owner, params) => {
    const found = subAccountKeyOf(params, false);
    if (isReply(found)) return found;
    const page = Number(params.get('page') ?? 1);
    const size = Math.min(Number(params.get('size') ?? 30), 100);
    if (!Number.isInteger(page) || page < 1) return invalid('page');
    if (!Number.isInteger(size) || size < 1) return invalid('size');
    // subAccountApiKey is a filter here ("for exact match"): an unknown key matches nothing.
    const keys = found.apiKey ? (found.key ? [found.key] : []) : found.sub.keys;
    const pageName = options.variant === 'sub-account-keys-list' ? 'list' : 'rows';
    return ok({ total: keys.length, [pageName]: keys.slice((page - 1) * size, page * size).map((key) => subAccountKeyView(found.sub.email, key)) });
  }));

  router.get('/sapi/v1/sub-account/subAccountApi/ipRestriction', signed({ limit: 'uid', weight: 3_000, masterOnly: true }, (_owner, params) => {
    const found = subAccountKeyOf(params, true);
    if (isReply(found)) return found;
    return ok(ipRestrictionView(found.key!));
  }));

  // "Sub-account Transfer History (For Sub-account)": answered to sub-accounts; what it answers other accounts is
  // UNVERIFIED, so the simulator refuses them the way it refuses the master-only endpoints to sub-accounts.
  router.get('/sapi/v1/sub-account/transfer/subUserHistory', signed({ limit: 'ip', weight: 1 }, (owner) =>
    (owner.account.kind === 'sub' ? ok([]) : NO_SUB_ACCOUNT_FUNCTION)));

  router.delete('/sapi/v1/sub-account/subAccountApi', signed({ limit: 'uid', weight: 3_000, masterOnly: true, needsTrade: true }, (_owner, params) => {
    const found = subAccountKeyOf(params, true);
    if (isReply(found)) return found;
    // "Asset Sub Account is not supported" (docs/exchanges/binance.md#key-deletion); the code is UNVERIFIED.
    if (found.sub.isAssetManagement) return fail(400, -9000, 'Asset Sub Account is not supported.');
    state.deleteKey({ kind: 'sub', name: found.sub.email }, found.key!.apiKey);
    return ok({});
  }));

  // The key update endpoints (docs/exchanges/binance.md#key-update). Both IP endpoints need the calling key's trading flag.
  // POST "inserts" (the docs' verb): the simulator adds to the list, so a client that means to replace must delete the rest.
  router.post('/sapi/v2/sub-account/subAccountApi/ipRestriction', signed({ limit: 'uid', weight: 3_000, masterOnly: true, needsTrade: true }, (_owner, params) => {
    const found = subAccountKeyOf(params, true);
    if (isReply(found)) return found;
    const key = found.key!;
    const status = params.get('status') ?? '1';
    if (status !== '1' && status !== '2') return invalid('status');
    const ips = (params.get('ipAddress') ?? '').split(',').map((ip) => ip.trim()).filter((ip) => ip !== '');
    // Status 1 (or none) is "IP Unrestricted".
    key.ipList = status === '1' ? [] : [...new Set([...key.ipList, ...ips])];
    key.ipRestrictionStatus = status === '1' ? 1 : 2;
    return ok({ status, ipList: key.ipList, updateTime: state.nowMs(), apiKey: key.apiKey });
  }));

  router.delete('/sapi/v1/sub-account/subAccountApi/ipRestriction/ipList', signed({ limit: 'uid', weight: 3_000, masterOnly: true, needsTrade: true }, (_owner, params) => {
    const found = subAccountKeyOf(params, true);
    if (isReply(found)) return found;
    const key = found.key!;
    const gone = (params.get('ipAddress') ?? '').split(',').map((ip) => ip.trim());
    if (gone.every((ip) => ip === '')) return missing('ipAddress');
    key.ipList = key.ipList.filter((ip) => !gone.includes(ip));
    return ok({ ipRestrict: String(key.ipList.length > 0), ipList: key.ipList, updateTime: state.nowMs(), apiKey: key.apiKey });
  }));

  // Whether a flag left out is kept or reset is unverified: the simulator resets it to false, as an omitted boolean reads.
  router.post('/sapi/v1/sub-account/subAccountApiPermission', signed({ limit: 'uid', weight: 3_000, masterOnly: true }, (_owner, params) => {
    const found = subAccountKeyOf(params, true);
    if (isReply(found)) return found;
    if (found.sub.isAssetManagement) return fail(400, -9000, 'Asset Sub Account is not supported.');
    const key = found.key!;
    const updatable: readonly BinancePermissionFlag[] = Object.values(UPDATABLE_FLAGS);
    const kept = key.permissions.filter((flag) => !updatable.includes(flag));
    const granted = Object.entries(UPDATABLE_FLAGS).filter(([param]) => params.get(param) === 'true').map(([, flag]) => flag);
    key.permissions = [...kept, ...granted];
    const view = subAccountKeyView(found.sub.email, key);
    return ok({ apiName: view.apiName, apikey: view.apikey, canTrade: view.canTrade, canMarginLoanRepay: view.canMarginLoanRepay, canFuturesTrade: view.canFuturesTrade,
      canUniversalTransfer: view.canUniversalTransfer, canVanillaOptions: view.canVanillaOptions, timestamp: state.nowMs() });
  }));

  router.use(simulatorExit(
    (req, res) => send(res, fail(404, -5000, `Path ${req.path}, Method ${req.method} is invalid`)),
    (res) => send(res, fail(400, -1100, 'Illegal characters found in a parameter.')),
  ));
  return { router, state };
}
