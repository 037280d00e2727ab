// A Bybit V5 stand-in for demo mode and tests: the key endpoints of docs/exchanges/bybit.md with Bybit's envelope,
// retCodes and per-UID, per-endpoint rate limits with X-Bapi-Limit-* headers; signature checks in bybit-simulator-auth.ts.
import express, { type Request, type Response, type Router } from 'express';
import { authenticateBybitRequest } from './bybit-simulator-auth.ts';
import {
  BYBIT_DOCUMENTED_RATE_LIMITS,
  createBybitSimulatorState,
  type BybitKeyOwner,
  type BybitSeed,
  type BybitSeedKey,
  type BybitSimulatorState,
} from './bybit-simulator-state.ts';
import { callingKeyView, subApiKeyView, subMemberView } from './bybit-simulator-views.ts';
import { createBybitDemoSeed } from './bybit-demo-seed.ts';
import { simulatorEntry, simulatorExit, type ExchangeSimulatorOptions } from '../simulator-entry.ts';
import { parseQueryKeepingPlus, receivedRequest } from '../simulator-http.ts';
import { createSimulatorVariant, type SimulatorVariant } from '../simulator-variant.ts';

/** The default seed is the demo fixture dated from the simulator's clock. */
export type BybitSimulatorOptions = ExchangeSimulatorOptions<BybitSeed> & {
  /** Requests per second per UID and path; defaults to the docs' "User" table. */
  rateLimits?: Readonly<Record<string, number>>;
  /** How Bybit answers; switchable later through the simulator's `variant`. */
  variant?: Partial<BybitSimulatorVariant>;
};

/** Documented answers keyaudit must handle (docs/exchanges/bybit.md#sub-accounts). */
export type BybitSimulatorVariant = {
  /**
   * 'read-only': every master key answers as a Read-Only key without permission words, as a key made only for auditing
   * often is. Bybit lists sub-accounts only to a master key with Account Transfer, Subaccount Transfer or Withdrawal,
   * so such a key gets 10005 on GET /v5/user/submembers.
   */
  masterKeys: 'as-seeded' | 'read-only';
};
const DEFAULT_VARIANT: BybitSimulatorVariant = { masterKeys: 'as-seeded' };

type Reply = { retCode: number; retMsg: string; result?: unknown };
type Params = ReadonlyMap<string, string>;

const ok = (result: unknown): Reply => ({ retCode: 0, retMsg: 'OK', result });
const PARAMETER_ERROR: Reply = { retCode: 10001, retMsg: 'Request parameter error.' };
const PERMISSION_DENIED: Reply = { retCode: 10005, retMsg: 'Permission denied, please check your API key permissions.' };
const SERVER_ERROR: Reply = { retCode: 10016, retMsg: 'Server error.' };
/** Wallet words that may manage keys: master (docs tips) and sub-account keys (delete-sub-api tip). */
const MASTER_MANAGE = ['AccountTransfer', 'SubMemberTransfer', 'Withdraw'];
const SUB_MANAGE = ['AccountTransfer', 'SubMemberTransferList'];

/** Bybit-style cursors arrive already percent-encoded ("20%3A0%2C20%3A0"), so clients must encode their "%". */
const toCursor = (offset: number) => encodeURIComponent(`${offset}:0,${offset}:0`);
const fromCursor = (cursor: string | undefined) => (cursor ? Number(/^(\d+)%3A0%2C\1%3A0$/.exec(cursor)?.[1] ?? Number.NaN) : 0);

export function createBybitSimulator(options: BybitSimulatorOptions = {}): { router: Router; state: BybitSimulatorState; variant: SimulatorVariant<BybitSimulatorVariant> } {
  const now = options.now ?? Date.now;
  const state = createBybitSimulatorState(options.seed ?? createBybitDemoSeed(now()), { now, rateLimits: { ...BYBIT_DOCUMENTED_RATE_LIMITS, ...options.rateLimits } });
  const variant = createSimulatorVariant(DEFAULT_VARIANT, options.variant);
  /** The key as this variant of Bybit sees it. */
  const asAnswered = (owner: BybitKeyOwner): BybitKeyOwner =>
    variant.current.masterKeys === 'read-only' && owner.account.kind === 'master' ? { ...owner, key: { ...owner.key, readOnly: true, permissions: {} } } : owner;
  const router = express.Router();
  // Only Bybit's paths: the router may be mounted at the root next to keyaudit's own /api routes.
  router.use(simulatorEntry((path) => path.startsWith('/v5/'), state, options.latencyMs));
  const send = (res: Response, reply: Reply, status = 200) =>
    res.status(status).json({ retCode: reply.retCode, retMsg: reply.retMsg, result: reply.result ?? {}, retExtInfo: {}, time: state.nowMs() });

  router.get('/v5/market/time', (_req, res) => {
    const nowMs = state.nowMs();
    send(res, ok({ timeSecond: String(Math.floor(nowMs / 1000)), timeNano: `${nowMs}000000` }));
  });

  /** Authenticates, then charges the caller's rolling one-second window for this path. */
  const privateRoute = (handle: (owner: BybitKeyOwner, params: Params, json: Record<string, unknown>) => Reply) => (req: Request, res: Response) => {
    const received = receivedRequest(req);
    const auth = authenticateBybitRequest(received, state);
    if ('rejection' in auth) return send(res, auth.rejection);
    const charge = state.chargeRateLimit(auth.owner.uid, req.path);
    res.set({ 'X-Bapi-Limit': String(charge.limit), 'X-Bapi-Limit-Status': String(charge.remaining), 'X-Bapi-Limit-Reset-Timestamp': String(charge.resetAtMs) });
    if (!charge.isAllowed) {
      state.stats.rateLimited += 1;
      return send(res, { retCode: 10006, retMsg: 'Too many visits!' });
    }
    const params = req.method === 'GET' ? parseQueryKeepingPlus(req.url) : parseJsonObject(received.body);
    return send(res, params ? handle(asAnswered(auth.owner), params, req.method === 'GET' ? {} : (JSON.parse(received.body || '{}') as Record<string, unknown>)) : PARAMETER_ERROR);
  };
  const isMaster = (owner: BybitKeyOwner) => owner.account.kind === 'master';
  const canManage = (owner: BybitKeyOwner) => !owner.key.readOnly && hasWalletWord(owner.key, isMaster(owner) ? MASTER_MANAGE : SUB_MANAGE);

  router.get('/v5/user/query-api', privateRoute((owner) => ok(callingKeyView(owner, state))));

  // "Use master user's api key only"; the key needs Account Transfer, Subaccount Transfer or Withdrawal.
  router.get('/v5/user/submembers', privateRoute((owner, params) => {
    if (!isMaster(owner) || !hasWalletWord(owner.key, MASTER_MANAGE)) return PERMISSION_DENIED;
    const pageSize = Number(params.get('pageSize') ?? 100);
    const offset = fromCursor(params.get('nextCursor'));
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100 || !Number.isInteger(offset)) return PARAMETER_ERROR;
    const all = state.listSubAccounts();
    const end = offset + pageSize;
    return ok({ subMembers: all.slice(offset, end).map(subMemberView), nextCursor: end < all.length ? toCursor(end) : '0' });
  }));

  // "Any permission can access this endpoint"; "Only master account can call this endpoint".
  router.get('/v5/user/sub-apikeys', privateRoute((owner, params) => {
    if (!isMaster(owner)) return PERMISSION_DENIED;
    const sub = state.findSubAccount(params.get('subMemberId') ?? '');
    const limit = Number(params.get('limit') ?? 20);
    const offset = fromCursor(params.get('cursor'));
    if (!sub || !Number.isInteger(limit) || limit < 1 || limit > 20 || !Number.isInteger(offset)) return PARAMETER_ERROR;
    if (state.faults.failSubAccounts.includes(sub.uid)) return SERVER_ERROR;
    const end = offset + limit;
    return ok({ result: sub.keys.slice(offset, end).map((key) => subApiKeyView(key, state)), nextPageCursor: end < sub.keys.length ? toCursor(end) : '' });
  }));

  // A master key names the sub-account key in `apikey`; a sub-account key deletes itself and must not pass it.
  router.post('/v5/user/delete-sub-api', privateRoute((owner, params) => {
    const apikey = params.get('apikey');
    if (!canManage(owner)) return PERMISSION_DENIED;
    if (!isMaster(owner)) return apikey === undefined && state.deleteKey(owner.account, owner.key.apiKey) ? ok({}) : PARAMETER_ERROR;
    const target = apikey ? state.findKey(apikey) : undefined;
    if (!target || target.account.kind !== 'sub') return PARAMETER_ERROR;
    if (state.faults.failSubAccounts.includes(target.uid)) return SERVER_ERROR;
    state.deleteKey(target.account, target.key.apiKey);
    return ok({});
  }));

  // "Modify Sub API Key" (docs/exchanges/bybit.md#key-update), by a master key naming `apikey`. The traps keyaudit must
  // survive: "don't pass ips or pass with "*" means no bind", and readOnly defaults to 0, read and write.
  router.post('/v5/user/update-sub-api', privateRoute((owner, params, json) => {
    if (!isMaster(owner) || !canManage(owner)) return PERMISSION_DENIED;
    const target = state.findKey(params.get('apikey') ?? '');
    if (!target || target.account.kind !== 'sub') return PARAMETER_ERROR;
    if (state.faults.failSubAccounts.includes(target.uid)) return SERVER_ERROR;
    const { ips, readOnly, permissions } = json;
    if (ips !== undefined && typeof ips !== 'string') return PARAMETER_ERROR;
    if (readOnly !== undefined && readOnly !== 0 && readOnly !== 1) return PARAMETER_ERROR;
    if (permissions !== undefined && (typeof permissions !== 'object' || permissions === null || Array.isArray(permissions))) return PARAMETER_ERROR;
    const bound = (ips ?? '*').split(',').map((ip) => ip.trim()).filter((ip) => ip !== '');
    target.key.ips = bound.length === 0 || bound.includes('*') ? ['*'] : bound;
    target.key.readOnly = readOnly === 1;
    if (permissions) target.key.permissions = Object.fromEntries(Object.entries(permissions).map(([group, words]) => [group, Array.isArray(words) ? words.map(String) : []]));
    return ok({ ...subApiKeyView(target.key, state), ips: target.key.ips });
  }));

  // "BE CAREFUL! The API key used to call this interface will be invalid immediately."
  router.post('/v5/user/delete-api', privateRoute((owner) => {
    if (!isMaster(owner) || !canManage(owner)) return PERMISSION_DENIED;
    state.deleteKey(owner.account, owner.key.apiKey);
    return ok({});
  }));

  router.use(simulatorExit((_req, res) => send(res, { retCode: 10017, retMsg: 'Route not found.' }, 404), (res) => send(res, PARAMETER_ERROR)));
  return { router, state, variant };
}

function hasWalletWord(key: BybitSeedKey, words: readonly string[]): boolean {
  return (key.permissions.Wallet ?? []).some((word) => words.includes(word));
}

/** A POST body as parameters: a JSON object of strings; anything else is a parameter error. */
function parseJsonObject(body: string): Params | null {
  try {
    const parsed: unknown = JSON.parse(body || '{}');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    return new Map(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return null;
  }
}
