// A Deribit stand-in for demo mode and tests: the JSON-RPC-over-HTTP methods of docs/exchanges/deribit.md with Deribit's
// envelopes and error codes and its credit pool, signature checks in deribit-simulator-auth.ts.
import express, { type Request, type Response, type Router } from 'express';
import { authenticateDeribitRequest } from './deribit-simulator-auth.ts';
import {
  createDeribitSimulatorState,
  DERIBIT_DOCUMENTED_CREDITS,
  type DeribitCreditConfig,
  type DeribitKeyOwner,
  type DeribitSeed,
  type DeribitSeedKey,
  type DeribitSimulatorState,
} from './deribit-simulator-state.ts';
import { createDeribitDemoSeed } from './deribit-demo-seed.ts';
import { simulatorEntry, simulatorExit, type ExchangeSimulatorOptions } from '../simulator-entry.ts';
import { parseQueryKeepingPlus, receivedRequest } from '../simulator-http.ts';

export type DeribitSimulatorOptions = ExchangeSimulatorOptions<DeribitSeed> & {
  /** Defaults to Deribit's documented pool: 500 credits a request, 50,000 at most, 10,000 refilled a second. */
  credits?: DeribitCreditConfig;
};

type Outcome = { result: unknown } | { error: { code: number; message: string; reason?: string } };
type Handler = (owner: DeribitKeyOwner, query: ReadonlyMap<string, string>) => Outcome;

const PREFIX = '/api/v2';
const fail = (code: number, message: string, reason?: string): Outcome => ({ error: { code, message, ...(reason ? { reason } : {}) } });
const FORBIDDEN_SCOPE = fail(13021, 'forbidden', 'insufficient scope');

/** The JSON-RPC envelope Deribit answers HTTP calls with; errors come with HTTP 400. */
function reply(res: Response, outcome: Outcome, nowMs: number): void {
  const usIn = nowMs * 1000;
  const timing = { usIn, usOut: usIn + 120, usDiff: 120, testnet: false };
  if ('result' in outcome) return void res.status(200).json({ jsonrpc: '2.0', result: outcome.result, ...timing });
  const { code, message, reason } = outcome.error;
  res.status(400).json({ jsonrpc: '2.0', error: { code, message, ...(reason ? { data: { reason } } : {}) }, ...timing });
}

const scopeWords = (key: DeribitSeedKey) => key.maxScope.split(' ');
const canReadAccount = (key: DeribitSeedKey) => scopeWords(key).some((word) => word === 'account:read' || word === 'account:read_write');
const canWriteAccount = (key: DeribitSeedKey) => scopeWords(key).includes('account:read_write');

export function createDeribitSimulator(options: DeribitSimulatorOptions = {}): { router: Router; state: DeribitSimulatorState } {
  const state = createDeribitSimulatorState(options.seed ?? createDeribitDemoSeed(), {
    now: options.now ?? Date.now,
    credits: options.credits ?? DERIBIT_DOCUMENTED_CREDITS,
  });
  const router = express.Router();
  router.use(simulatorEntry((path) => path.startsWith(`${PREFIX}/`), state, options.latencyMs));

  router.get(`${PREFIX}/public/get_time`, (_req, res) => reply(res, { result: state.nowMs() }, state.nowMs()));

  const privateRoute = (handle: Handler) => (req: Request, res: Response) => {
    const auth = authenticateDeribitRequest(receivedRequest(req), state);
    if ('rejection' in auth) return reply(res, { error: auth.rejection }, state.nowMs());
    if (!state.charge(auth.owner.uid)) {
      state.stats.rateLimited += 1;
      return reply(res, fail(10028, 'too_many_requests'), state.nowMs());
    }
    const query = parseQueryKeepingPlus(req.url);
    if (!query) return reply(res, fail(-32602, 'Invalid params'), state.nowMs());
    return reply(res, handle(auth.owner, query), state.nowMs());
  };

  /** Every key of the caller's own account, client_secret included as in Deribit's example (docs/exchanges/deribit.md#calling-key). */
  router.get(`${PREFIX}/private/list_api_keys`, privateRoute(({ account, key }) => {
    if (!canReadAccount(key)) return FORBIDDEN_SCOPE;
    return { result: state.listKeys(account).map(keyView) };
  }));

  /** The main account first (type "main"), then its sub-accounts; a sub-account sees the main account and itself. */
  router.get(`${PREFIX}/private/get_subaccounts`, privateRoute(({ account, key }) => {
    if (!canReadAccount(key)) return FORBIDDEN_SCOPE;
    const main = { id: state.masterUid(), username: 'main_account', type: 'main', email: 'main@example.com', login_enabled: true, is_password: true, receive_notifications: true, security_keys_enabled: false, system_name: 'main_account' };
    const subs = state.listSubAccounts().filter((sub) => account.kind === 'master' || sub.username === account.name);
    return { result: [main, ...subs.map((sub) => ({ id: sub.id, username: sub.username, type: 'subaccount', email: `${sub.username}@example.com`, login_enabled: false, is_password: false, receive_notifications: false, security_keys_enabled: false, system_name: sub.username }))] };
  }));

  /** Deletes a key of the caller's own account by id; "ok". */
  router.get(`${PREFIX}/private/remove_api_key`, privateRoute(({ account, key }, query) => {
    if (!canWriteAccount(key)) return FORBIDDEN_SCOPE;
    if (state.securityKey.isRequired) return securityKeyChallenge();
    const target = findById(state, account, query.get('id'));
    if (!target) return fail(-32602, 'Invalid params', 'id');
    state.deleteKey(account, target.apiKey);
    return { result: 'ok' };
  }));

  /** Disables a key of the caller's own account by id; answers the key (documented, not called by keyaudit yet). */
  router.get(`${PREFIX}/private/disable_api_key`, privateRoute(({ account, key }, query) => {
    if (!canWriteAccount(key)) return FORBIDDEN_SCOPE;
    if (state.securityKey.isRequired) return securityKeyChallenge();
    const target = findById(state, account, query.get('id'));
    if (!target) return fail(-32602, 'Invalid params', 'id');
    target.enabled = false;
    return { result: keyView(target) };
  }));

  router.use(simulatorExit(
    (_req, res) => reply(res, fail(-32601, 'Method not found'), state.nowMs()),
    (res) => reply(res, fail(11050, 'bad_request'), state.nowMs()),
  ));
  return { router, state };
}

function findById(state: DeribitSimulatorState, account: DeribitKeyOwner['account'], id: string | undefined): DeribitSeedKey | undefined {
  return /^\d{1,12}$/.test(id ?? '') ? state.listKeys(account).find((key) => key.id === Number(id)) : undefined;
}

/** "security_key_authorization_required": true with a challenge, as a result (https://docs.deribit.com/articles/security-keys). */
function securityKeyChallenge(): Outcome {
  return { result: { security_key_authorization_required: true, challenge: 'dGhpcyBpcyBhIGNoYWxsZW5nZQ==', rp_id: 'deribit.com' } };
}

/** Field order and spelling of the docs' example of private/list_api_keys, client_secret included (the trap). */
function keyView(key: DeribitSeedKey) {
  return {
    timestamp: key.timestampMs, max_scope: key.maxScope, id: key.id, enabled: key.enabled, default: false,
    client_secret: key.secret, client_id: key.apiKey, name: key.name, enabled_features: key.features, ip_whitelist: key.ipWhitelist,
  };
}
