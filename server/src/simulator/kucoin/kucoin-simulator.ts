// A KuCoin stand-in for demo mode and tests: the key endpoints of docs/exchanges/kucoin.md with KuCoin's envelopes,
// error codes and Management-pool rate limits, signature checks in kucoin-simulator-auth.ts.
import express, { type Request, type Response, type Router } from 'express';
import { authenticateKucoinRequest } from './kucoin-simulator-auth.ts';
import {
  createKucoinSimulatorState,
  KUCOIN_DOCUMENTED_RATE_LIMIT,
  type KucoinKeyOwner,
  type KucoinRateLimitConfig,
  type KucoinSeed,
  type KucoinSeedKey,
  type KucoinSimulatorState,
} from './kucoin-simulator-state.ts';
import { createKucoinDemoSeed } from './kucoin-demo-seed.ts';
import { simulatorEntry, simulatorExit, type ExchangeSimulatorOptions } from '../simulator-entry.ts';
import { parseQueryKeepingPlus, receivedRequest, sendReply as send, type StatusReply as Reply } from '../simulator-http.ts';
import { createSimulatorVariant, type SimulatorVariant } from '../simulator-variant.ts';

export type KucoinSimulatorOptions = ExchangeSimulatorOptions<KucoinSeed> & {
  /** Management pool per UID; defaults to VIP0, 2000 per 30 s. */
  rateLimit?: KucoinRateLimitConfig;
  /** How KuCoin answers; switchable later through the simulator's `variant`. */
  variant?: Partial<KucoinSimulatorVariant>;
};

/** Answers keyaudit must handle where KuCoin's docs leave the choice open (docs/exchanges/kucoin.md#key-deletion). */
export type KucoinSimulatorVariant = {
  /**
   * What DELETE /api/v1/sub/api-key answers when the deleted key's passphrase is wrong. KuCoin documents no code for
   * it: a parameter error (400100, HTTP 400) or the passphrase error of its gateway (400004, HTTP 401).
   */
  wrongKeyPassphraseCode: '400100' | '400004';
  /**
   * Whether POST /api/v1/sub/api-key/update applies the whitelist it answers success to. 'ignored' stands for an
   * exchange that says done without doing it (KuCoin does not say how soon a change applies): keyaudit's re-read
   * after a restrict must catch it.
   */
  whitelistUpdate: 'applied' | 'ignored';
};
const DEFAULT_VARIANT: KucoinSimulatorVariant = { wrongKeyPassphraseCode: '400100', whitelistUpdate: 'applied' };
type Query = ReadonlyMap<string, string>;

const isKucoinPath = (path: string) => /^\/api\/v\d+\//.test(path);

const ok = (data: unknown): Reply => ({ status: 200, body: { code: '200000', data } });
const fail = (status: number, code: string, msg: string): Reply => ({ status, body: { code, msg } });
const INVALID_PARAMETER = fail(400, '400100', 'Invalid Parameter.');
const INTERNAL_ERROR = fail(500, '500000', 'Internal Server Error');
const ACCESS_DENIED = fail(403, '400007', 'Access denied, requires more permission.');

export function createKucoinSimulator(options: KucoinSimulatorOptions = {}): { router: Router; state: KucoinSimulatorState; variant: SimulatorVariant<KucoinSimulatorVariant> } {
  const variant = createSimulatorVariant(DEFAULT_VARIANT, options.variant);
  const state = createKucoinSimulatorState(options.seed ?? createKucoinDemoSeed(), {
    now: options.now ?? Date.now,
    rateLimit: options.rateLimit ?? KUCOIN_DOCUMENTED_RATE_LIMIT,
  });
  const router = express.Router();
  // Only KuCoin's paths: the router may be mounted at the root next to keyaudit's own /api routes.
  router.use(simulatorEntry(isKucoinPath, state, options.latencyMs));

  router.get('/api/v1/timestamp', (_req, res) => send(res, ok(state.nowMs())));

  /** Authenticates, charges the caller's pool (docs/exchanges/kucoin.md#rate-limits) and requires General, as every endpoint here does. */
  const privateRoute = (weight: number, handle: (owner: KucoinKeyOwner, query: Query, body: string) => Reply) => (req: Request, res: Response) => {
    const received = receivedRequest(req);
    const auth = authenticateKucoinRequest(received, state);
    if ('rejection' in auth) return send(res, fail(auth.rejection.status, auth.rejection.code, auth.rejection.msg));
    const charge = state.chargePool(auth.owner.uid, weight);
    res.set({ 'gw-ratelimit-limit': String(charge.limit), 'gw-ratelimit-remaining': String(charge.remaining), 'gw-ratelimit-reset': String(charge.resetMs) });
    if (!charge.isAllowed) {
      state.stats.rateLimited += 1;
      return send(res, fail(429, '429000', 'Too Many Requests'));
    }
    const query = parseQueryKeepingPlus(req.url);
    if (!query) return send(res, INVALID_PARAMETER);
    if (!permissionsOf(auth.owner.key).includes('General')) return send(res, ACCESS_DENIED);
    return send(res, handle(auth.owner, query, received.body));
  };
  /** Sub-account management needs a master-account key. */
  const masterOnly = (handle: (query: Query) => Reply) => (owner: KucoinKeyOwner, query: Query) =>
    owner.account.kind === 'master' ? handle(query) : ACCESS_DENIED;

  router.get('/api/v1/user/api-key', privateRoute(20, (owner) => ok({
    ...keyView(owner.key, owner.uid, owner.account.kind === 'master'),
    ...(owner.account.kind === 'sub' ? { subName: owner.account.name } : {}),
  })));

  router.get('/api/v2/sub/user', privateRoute(20, masterOnly((query) => {
    const currentPage = Number(query.get('currentPage') ?? 1);
    const pageSize = Math.min(Number(query.get('pageSize') ?? 10), 100);
    if (!Number.isInteger(currentPage) || currentPage < 1 || !Number.isInteger(pageSize) || pageSize < 1) return INVALID_PARAMETER;
    const all = state.listSubAccounts();
    const items = all.slice((currentPage - 1) * pageSize, currentPage * pageSize).map((sub) => ({
      userId: sub.userId, uid: sub.uid, subName: sub.subName, status: 2, type: 0, access: 'All', createdAt: sub.createdAtMs,
      remarks: sub.remarks, tradeTypes: ['Spot', 'Futures', 'Margin'], openedTradeTypes: ['Spot'], hostedStatus: null,
    }));
    return ok({ currentPage, pageSize, totalNum: all.length, totalPage: Math.ceil(all.length / pageSize), items });
  })));

  router.get('/api/v1/sub/api-key', privateRoute(20, masterOnly((query) => {
    const sub = state.findSubAccount(query.get('subName') ?? '');
    if (!sub) return INVALID_PARAMETER;
    if (state.faults.failSubAccounts.includes(sub.subName)) return INTERNAL_ERROR;
    const apiKey = query.get('apiKey');
    const keys = sub.keys.filter((key) => !apiKey || key.apiKey === apiKey);
    return ok(keys.map((key) => ({ subName: sub.subName, ...keyView(key, sub.uid, false) })));
  })));

  router.delete('/api/v1/sub/api-key', privateRoute(30, masterOnly((query) => {
    const [apiKey, subName, passphrase] = ['apiKey', 'subName', 'passphrase'].map((name) => query.get(name) ?? '');
    const sub = state.findSubAccount(subName);
    if (!sub || !apiKey || !passphrase) return INVALID_PARAMETER;
    if (state.faults.failSubAccounts.includes(sub.subName)) return INTERNAL_ERROR;
    const key = sub.keys.find((candidate) => candidate.apiKey === apiKey);
    if (!key) return INVALID_PARAMETER;
    // KuCoin documents no code for a wrong key passphrase (docs/exchanges/kucoin.md#key-deletion): the variant chooses.
    if (key.passphrase !== passphrase) {
      return variant.current.wrongKeyPassphraseCode === '400004' ? fail(401, '400004', 'Invalid KC-API-PASSPHRASE') : INVALID_PARAMETER;
    }
    state.deleteKey({ kind: 'sub', name: sub.subName }, apiKey);
    return ok({ subName: sub.subName, apiKey });
  })));

  // "Modify sub-account API" (docs/exchanges/kucoin.md#key-update), with the key's own passphrase. The lists are replaced, not
  // merged; what leaving one out does is unverified, so the simulator takes the harsher reading: a list left out is reset
  // (no whitelist, General only), and a client that sends only what it changes fails here.
  router.post('/api/v1/sub/api-key/update', privateRoute(30, (owner, _query, text) => {
    if (owner.account.kind !== 'master') return ACCESS_DENIED;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text || '{}') as Record<string, unknown>;
    } catch {
      return INVALID_PARAMETER;
    }
    const { subName, apiKey, passphrase, permission, ipWhitelist } = body;
    if (typeof subName !== 'string' || typeof apiKey !== 'string' || typeof passphrase !== 'string') return INVALID_PARAMETER;
    const sub = state.findSubAccount(subName);
    if (!sub) return INVALID_PARAMETER;
    if (state.faults.failSubAccounts.includes(sub.subName)) return INTERNAL_ERROR;
    const key = sub.keys.find((candidate) => candidate.apiKey === apiKey);
    if (!key) return INVALID_PARAMETER;
    if (key.passphrase !== passphrase) {
      return variant.current.wrongKeyPassphraseCode === '400004' ? fail(401, '400004', 'Invalid KC-API-PASSPHRASE') : INVALID_PARAMETER;
    }
    if ((permission !== undefined && typeof permission !== 'string') || (ipWhitelist !== undefined && typeof ipWhitelist !== 'string')) return INVALID_PARAMETER;
    const ips = (ipWhitelist ?? '').split(',').map((ip) => ip.trim()).filter((ip) => ip !== '');
    // "You may add up to 20 IPs".
    if (ips.length > 20) return INVALID_PARAMETER;
    const words = (permission ?? 'General').split(',').map((word) => word.trim()).filter((word) => word !== '');
    key.permission = [...new Set(['General', ...words])].join(',');
    if (variant.current.whitelistUpdate === 'applied') key.ipWhitelist = ips.join(',');
    return ok({ subName: sub.subName, apiKey, permission: key.permission, ...(key.ipWhitelist ? { ipWhitelist: key.ipWhitelist } : {}) });
  }));

  router.use(simulatorExit((_req, res) => send(res, fail(404, '404000', 'Url Not Found')), (res) => send(res, INVALID_PARAMETER)));
  return { router, state, variant };
}

function permissionsOf(key: KucoinSeedKey): string[] {
  return key.permission.split(',').map((word) => word.trim());
}

/** Field order of the examples in KuCoin's OpenAPI spec (calling key, sub-account keys). */
function keyView(key: KucoinSeedKey, uid: number, isMaster: boolean) {
  return {
    remark: key.remark, apiKey: key.apiKey, apiVersion: key.apiVersion ?? 3, permission: key.permission,
    ipWhitelist: key.ipWhitelist, createdAt: key.createdAtMs, uid, isMaster,
  };
}
