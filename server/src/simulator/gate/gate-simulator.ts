// A Gate stand-in for demo mode and tests: the key endpoints of docs/exchanges/gate.md with Gate's error
// bodies and labels and per-endpoint rate limits, signature checks in gate-simulator-auth.ts.
import express, { type Request, type Response, type Router } from 'express';
import { authenticateGateRequest } from './gate-simulator-auth.ts';
import {
  createGateSimulatorState,
  GATE_DOCUMENTED_RATE_LIMIT,
  type GateKeyOwner,
  type GateRateLimitConfig,
  type GateSeed,
  type GateSeedKey,
  type GateSeedPerm,
  type GateSimulatorState,
} from './gate-simulator-state.ts';
import { createGateDemoSeed } from './gate-demo-seed.ts';
import { simulatorEntry, simulatorExit, type ExchangeSimulatorOptions } from '../simulator-entry.ts';
import { parseQueryKeepingPlus, receivedRequest, sendReply as send, type StatusReply as Reply } from '../simulator-http.ts';

/**
 * The documented shapes of answers that differ between Gate's docs and its SDKs; the simulator speaks one of them.
 * main-keys-list: GET /account/main_keys as the docs' example, an array of the main account's keys (masked).
 * main-keys-object: as the response schema and the official SDKs (AccountKeyInfo), one object, the calling key's own
 * record: `key` is {mode}, `name` an array (SDK), times strings (docs/exchanges/gate.md#main-account-keys).
 */
export const GATE_VARIANTS = ['main-keys-list', 'main-keys-object'] as const;
export type GateVariant = (typeof GATE_VARIANTS)[number];

export type GateSimulatorOptions = ExchangeSimulatorOptions<GateSeed> & {
  /** Which documented answer shape to speak (GATE_VARIANTS); defaults to main-keys-list. */
  variant?: GateVariant;
  /** Defaults to Gate's documented 80 (sub-account endpoints) and 150 (others) requests per endpoint per 10 s. */
  rateLimit?: GateRateLimitConfig;
};

type Handler = (owner: GateKeyOwner, req: Request) => Reply;

const PREFIX = '/api/v4';
const ok = (body: unknown): Reply => ({ status: 200, body });
const fail = (status: number, label: string, message: string): Reply => ({ status, body: { label, message } });
const FORBIDDEN = fail(403, 'FORBIDDEN', 'Account has no permission to request operation');
const INTERNAL = fail(500, 'INTERNAL', 'Internal server error');
const SUB_ACCOUNT_NOT_FOUND = fail(400, 'SUB_ACCOUNT_NOT_FOUND', 'Sub account not found');

export function createGateSimulator(options: GateSimulatorOptions = {}): { router: Router; state: GateSimulatorState } {
  const state = createGateSimulatorState(options.seed ?? createGateDemoSeed(), {
    now: options.now ?? Date.now,
    rateLimit: options.rateLimit ?? GATE_DOCUMENTED_RATE_LIMIT,
  });
  const router = express.Router();
  // Only Gate's paths: the router may be mounted next to keyaudit's own /api routes.
  router.use(simulatorEntry((path) => path.startsWith(`${PREFIX}/`), state, options.latencyMs));

  router.get(`${PREFIX}/spot/time`, (_req, res) => send(res, ok({ server_time: state.nowMs() })));

  /** Authenticates and counts the call against the caller's limit for this endpoint ("80r/10s per endpoint", docs/exchanges/gate.md#rate-limits). */
  const privateRoute = (endpoint: string, handle: Handler) => (req: Request, res: Response) => {
    const auth = authenticateGateRequest(receivedRequest(req), state);
    if ('rejection' in auth) return send(res, fail(auth.rejection.status, auth.rejection.label, auth.rejection.message));
    const charge = state.chargeEndpoint(auth.owner.uid, endpoint, endpoint.includes('/sub_accounts'));
    // "the timestamp indicating when your request limit resets if you have exceeded your rate_limit. Otherwise,
    // this is just the current timestamp" (seconds here; Gate does not name the unit).
    const resetAtMs = charge.isAllowed ? state.nowMs() : charge.resetAtMs + state.faults.clockSkewMs;
    res.set({
      'X-Gate-RateLimit-Requests-Remain': String(charge.remaining),
      'X-Gate-RateLimit-Limit': String(charge.limit),
      'X-Gate-RateLimit-Reset-Timestamp': String(Math.ceil(resetAtMs / 1000)),
    });
    if (!charge.isAllowed) {
      state.stats.rateLimited += 1;
      return send(res, fail(429, 'TOO_MANY_REQUESTS', 'Request Rate limit Exceeded'));
    }
    return send(res, handle(auth.owner, req));
  };
  /** Sub-accounts and their keys belong to the main account. */
  const masterOnly = (handle: Handler): Handler => (owner, req) => (owner.account.kind === 'master' ? handle(owner, req) : FORBIDDEN);

  router.get(`${PREFIX}/account/detail`, privateRoute('GET /account/detail', ({ uid, key }) => ok({
    user_id: uid, ip_whitelist: key.ipWhitelist, currency_pairs: key.currencyPairs ?? [], key: { mode: 1 }, tier: 2, copy_trading_role: 0,
  })));

  router.get(`${PREFIX}/account/main_keys`, privateRoute('GET /account/main_keys', masterOnly(({ uid, key: callingKey }) => {
    if (options.variant === 'main-keys-object') return ok(accountKeyInfoView(callingKey, uid));
    return ok(state.listKeys({ kind: 'master', name: 'master' }).map((key) => ({ ...keyView(key, uid), key: `${key.apiKey.slice(0, 12)}*****` })));
  })));

  router.get(`${PREFIX}/sub_accounts`, privateRoute('GET /sub_accounts', masterOnly((_owner, req) => {
    const type = parseQueryKeepingPlus(req.url)?.get('type') ?? '1';
    if (type !== '0' && type !== '1') return fail(400, 'INVALID_PARAM_VALUE', 'Invalid parameter type');
    const subs = state.listSubAccounts().filter((sub) => type === '0' || sub.type === 1);
    return ok(subs.map((sub) => ({
      remark: sub.remark, login_name: sub.loginName, user_id: sub.userId, state: 1, type: sub.type, create_time: sub.createdAtS,
    })));
  })));

  router.get(`${PREFIX}/sub_accounts/:userId/keys`, privateRoute('GET /sub_accounts/{user_id}/keys', masterOnly((_owner, req) => {
    const sub = state.findSubAccountByUserId(Number(req.params.userId));
    if (!sub) return SUB_ACCOUNT_NOT_FOUND;
    if (state.faults.failSubAccounts.includes(sub.loginName)) return INTERNAL;
    return ok(sub.keys.map((key) => keyView(key, sub.userId)));
  })));

  router.delete(`${PREFIX}/sub_accounts/:userId/keys/:key`, privateRoute('DELETE /sub_accounts/{user_id}/keys/{key}', masterOnly((owner, req) => {
    // Which permission Gate requires here is UNVERIFIED: the simulator asks for read-write "account".
    const account = owner.key.perms.find((perm) => perm.name === 'account');
    if (!account) return FORBIDDEN;
    if (account.read_only) return fail(403, 'READ_ONLY', 'API key is read-only');
    const sub = state.findSubAccountByUserId(Number(req.params.userId));
    if (!sub) return SUB_ACCOUNT_NOT_FOUND;
    if (state.faults.failSubAccounts.includes(sub.loginName)) return INTERNAL;
    if (!state.deleteKey({ kind: 'sub', name: sub.loginName }, String(req.params.key))) {
      return fail(400, 'INVALID_PARAM_VALUE', 'Invalid parameter key');
    }
    return { status: 204 };
  })));

  // "Update sub-account API key pair" (docs/exchanges/gate.md#key-update): a full replace. The whitelist "will be cleared if no
  // value is passed", and so are perms: a client that sends only what it changes widens or empties the key here, as on Gate.
  router.put(`${PREFIX}/sub_accounts/:userId/keys/:key`, privateRoute('PUT /sub_accounts/{user_id}/keys/{key}', masterOnly((owner, req) => {
    const account = owner.key.perms.find((perm) => perm.name === 'account');
    if (!account) return FORBIDDEN;
    if (account.read_only) return fail(403, 'READ_ONLY', 'API key is read-only');
    const sub = state.findSubAccountByUserId(Number(req.params.userId));
    if (!sub) return SUB_ACCOUNT_NOT_FOUND;
    if (state.faults.failSubAccounts.includes(sub.loginName)) return INTERNAL;
    const key = sub.keys.find((candidate) => candidate.apiKey === String(req.params.key));
    if (!key) return fail(400, 'INVALID_PARAM_VALUE', 'Invalid parameter key');
    const body = parseGateKeyBody(receivedRequest(req).body);
    if (!body) return fail(400, 'INVALID_REQUEST_BODY', 'Invalid request body');
    // "at most 20 IPs formatted in IPv4 (not supporting IP range though)".
    if (body.ipWhitelist.length > 20 || body.ipWhitelist.some((ip) => !/^\d{1,3}(\.\d{1,3}){3}$/.test(ip))) {
      return fail(400, 'INVALID_PARAM_VALUE', 'Invalid parameter ip_whitelist');
    }
    Object.assign(key, { name: body.name, perms: body.perms, ipWhitelist: body.ipWhitelist });
    return { status: 204 };
  })));

  router.use(simulatorExit(
    (_req, res) => send(res, fail(404, 'NOT_FOUND', 'Request URL not exists')),
    (res) => send(res, fail(400, 'INVALID_REQUEST_BODY', 'Invalid request body')),
  ));
  return { router, state };
}

/** Field order and spelling of the docs' example of GET /sub_accounts/{user_id}/keys (docs/exchanges/gate.md#sub-account-keys), `update_at` included. */
function keyView(key: GateSeedKey, userId: number) {
  return {
    state: key.state ?? 1, name: key.name, user_id: userId, perms: key.perms, mode: 1, ip_whitelist: key.ipWhitelist,
    currency_pairs: key.currencyPairs ?? [], key: key.apiKey, created_at: key.createdAtS, last_access: key.lastAccessS, update_at: key.createdAtS,
  };
}

/** One AccountKeyInfo as the response schema and the SDK declare it: no key identifier, `name` an array, times as strings. */
function accountKeyInfoView(key: GateSeedKey, userId: number) {
  return {
    state: key.state ?? 1, mode: 1, name: [key.name], currency_pairs: key.currencyPairs ?? [], user_id: userId, ip_whitelist: key.ipWhitelist,
    perms: key.perms, key: { mode: 1 }, created_at: String(key.createdAtS), updated_at: String(key.createdAtS), last_access: String(key.lastAccessS),
  };
}

/** A SubAccountKey body; every field it leaves out comes back empty, as Gate clears it. null when it is not a JSON object of that shape. */
function parseGateKeyBody(text: string): { name: string; perms: GateSeedPerm[]; ipWhitelist: string[] } | null {
  let json: unknown;
  try {
    json = JSON.parse(text || '{}');
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const { name, perms, ip_whitelist: ips } = json as Record<string, unknown>;
  const isPerm = (perm: unknown): perm is GateSeedPerm =>
    typeof perm === 'object' && perm !== null && typeof (perm as GateSeedPerm).name === 'string' && typeof (perm as GateSeedPerm).read_only === 'boolean';
  if (perms !== undefined && !(Array.isArray(perms) && perms.every(isPerm))) return null;
  if (ips !== undefined && !(Array.isArray(ips) && ips.every((ip) => typeof ip === 'string'))) return null;
  return {
    name: typeof name === 'string' ? name : '',
    perms: (perms ?? []).map((perm) => ({ name: perm.name, read_only: perm.read_only })),
    ipWhitelist: [...((ips as string[] | undefined) ?? [])],
  };
}
