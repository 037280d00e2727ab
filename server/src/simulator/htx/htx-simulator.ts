// An HTX stand-in for demo mode and tests: the key endpoints of docs/exchanges/htx.md with HTX's two envelopes (v2
// {code, data} for answers, the gateway's v1 {status, err-code, err-msg} for refused signatures), sub-user paging by
// nextId, and real deletes; signature checks in htx-simulator-auth.ts.
import express, { type Request, type Response, type Router } from 'express';
import { authenticateHtxRequest } from './htx-simulator-auth.ts';
import { createHtxSimulatorState, HTX_DOCUMENTED_REQUESTS_PER_SECOND, type HtxKeyOwner, type HtxSeed, type HtxSeedKey, type HtxSimulatorState } from './htx-simulator-state.ts';
import { createHtxDemoSeed } from './htx-demo-seed.ts';
import { simulatorEntry, simulatorExit, type ExchangeSimulatorOptions } from '../simulator-entry.ts';
import { receivedRequest } from '../simulator-http.ts';

export type HtxSimulatorOptions = ExchangeSimulatorOptions<HtxSeed> & {
  requestsPerSecond?: number;
  /** Sub users per page of GET /v2/sub-user/user-list; HTX's is 100. */
  subUserPageSize?: number;
};

type Reply = { code: number; message?: string; data: unknown; nextId?: number };
const ok = (data: unknown, nextId?: number): Reply => ({ code: 200, data, ...(nextId === undefined ? {} : { nextId }) });
const UNAUTHORIZED: Reply = { code: 1002, message: 'unauthorized', data: null };
const INVALID_FIELD: Reply = { code: 2002, message: 'invalid field value', data: null };
const SERVER_ERROR: Reply = { code: 500, message: 'error', data: null };

const keyView = (key: HtxSeedKey) => ({
  accessKey: key.accessKey, status: 'normal', note: key.note, permission: key.permission, ipAddresses: key.ipAddresses,
  validDays: key.validDays, createTime: key.createTimeMs, updateTime: key.createTimeMs,
});

export function createHtxSimulator(options: HtxSimulatorOptions = {}): { router: Router; state: HtxSimulatorState } {
  const now = options.now ?? Date.now;
  const state = createHtxSimulatorState(options.seed ?? createHtxDemoSeed(now()), { now, requestsPerSecond: options.requestsPerSecond ?? HTX_DOCUMENTED_REQUESTS_PER_SECOND });
  const pageSize = options.subUserPageSize ?? 100;
  const router = express.Router();
  router.use(simulatorEntry((path) => path.startsWith('/v1/') || path.startsWith('/v2/'), state, options.latencyMs));

  router.get('/v1/common/timestamp', (_req, res) => void res.json({ status: 'ok', data: state.nowMs() }));

  const privateRoute = (handle: (owner: HtxKeyOwner, params: URLSearchParams, body: Record<string, unknown>) => Reply) => (req: Request, res: Response) => {
    const received = receivedRequest(req);
    const auth = authenticateHtxRequest(received, req.originalUrl.split('?')[0]!, state);
    if ('rejection' in auth) return void res.json({ status: 'error', ...auth.rejection, data: null });
    if (!state.chargeCall(auth.owner.key.accessKey)) {
      state.stats.rateLimited += 1;
      return void res.status(429).json({ status: 'error', 'err-code': 'rate-too-many-requests', 'err-msg': 'exceeded rate limit', data: null });
    }
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = received.body ? JSON.parse(received.body) : {};
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      return void res.json(INVALID_FIELD);
    }
    res.json(handle(auth.owner, auth.params, body));
  };
  const isParent = (owner: HtxKeyOwner) => owner.account.kind === 'master';
  const can = (owner: HtxKeyOwner, word: string) => owner.key.permission.split(',').includes(word);

  router.get('/v2/user/uid', privateRoute((owner) => ok(Number(owner.uid))));

  // A user may read its own keys; a parent user also its sub users' ("API key query", permission Read).
  router.get('/v2/user/api-key', privateRoute((owner, params) => {
    const uid = params.get('uid') ?? '';
    if (!can(owner, 'readOnly')) return UNAUTHORIZED;
    if (uid !== owner.uid && !(isParent(owner) && state.findSubAccount(uid))) return UNAUTHORIZED;
    if (state.faults.failSubAccounts.includes(uid)) return SERVER_ERROR;
    const accessKey = params.get('accessKey');
    const keys = (state.keysOfUid(uid) ?? []).filter((key) => !accessKey || key.accessKey === accessKey);
    return ok(keys.map(keyView));
  }));

  // "parent user is able to query a full list of sub user's UID", 100 a page in ascending uid, nextId for the next.
  router.get('/v2/sub-user/user-list', privateRoute((owner, params) => {
    if (!isParent(owner) || !can(owner, 'readOnly')) return UNAUTHORIZED;
    const all = [...state.listSubAccounts()].sort((a, b) => Number(a.uid) - Number(b.uid));
    const fromId = params.get('fromId');
    const start = fromId ? all.findIndex((sub) => sub.uid === fromId) : 0;
    if (start < 0) return INVALID_FIELD;
    const page = all.slice(start, start + pageSize);
    const next = all[start + pageSize];
    return ok(page.map((sub) => ({ uid: Number(sub.uid), userState: sub.userState })), next ? Number(next.uid) : undefined);
  }));

  // "used by the parent user to delete the API key of the sub user", permission Trade.
  router.post('/v2/sub-user/api-key-deletion', privateRoute((owner, _params, body) => {
    if (!isParent(owner) || !can(owner, 'trade')) return UNAUTHORIZED;
    const subUid = typeof body.subUid === 'number' || typeof body.subUid === 'string' ? String(body.subUid) : '';
    const accessKey = typeof body.accessKey === 'string' ? body.accessKey : '';
    if (!state.findSubAccount(subUid) || !accessKey) return INVALID_FIELD;
    if (state.faults.failSubAccounts.includes(subUid)) return SERVER_ERROR;
    return state.deleteKey({ kind: 'sub', name: subUid }, accessKey) ? ok(null) : INVALID_FIELD;
  }));

  router.use(simulatorExit((_req, res) => void res.status(404).json({ status: 'error', 'err-code': 'invalid-parameter', 'err-msg': 'not found', data: null }), (res) => void res.json(INVALID_FIELD)));
  return { router, state };
}
