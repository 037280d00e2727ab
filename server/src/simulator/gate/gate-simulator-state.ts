import { createFixedWindows } from '../rate-limit-window.ts';
import { createSimulatorState, type SimulatorKeyOwner } from '../simulator-state.ts';

export type GateSeedPerm = { name: string; read_only: boolean };

/** One key as the simulator holds it: secret included, unlike anything Gate returns. Times in seconds, as Gate's. */
export type GateSeedKey = {
  apiKey: string;
  secret: string;
  name: string;
  perms: GateSeedPerm[];
  /** [] accepts any IP. */
  ipWhitelist: string[];
  currencyPairs?: string[];
  /** 1 normal; see gate-responses.ts for 2 and 3. Defaults to 1. */
  state?: number;
  createdAtS: number;
  /** 0: never used. */
  lastAccessS: number;
};

export type GateSeedSubAccount = {
  userId: number;
  /** Letters, digits and underscores only (Gate's rule for login names). */
  loginName: string;
  remark: string;
  /** 1 regular, 3 cross-margin: GET /sub_accounts lists type 3 only when asked with type=0. */
  type: 1 | 3;
  createdAtS: number;
  keys: GateSeedKey[];
};

export type GateSeed = {
  master: { userId: number; keys: GateSeedKey[] };
  subAccounts: GateSeedSubAccount[];
};

/** Requests per endpoint per UID and window: "80r/10s per endpoint" for sub-account endpoints, 150r/10s for others. */
export type GateRateLimitConfig = { windowMs: number; subAccountLimit: number; otherLimit: number };

export const GATE_DOCUMENTED_RATE_LIMIT: GateRateLimitConfig = { windowMs: 10_000, subAccountLimit: 80, otherLimit: 150 };

/** `uid` is the account's user_id. */
export type GateKeyOwner = SimulatorKeyOwner<GateSeedKey, number>;

export type GateEndpointCharge = { isAllowed: boolean; limit: number; remaining: number; resetAtMs: number };

export type GateSimulatorState = ReturnType<typeof createGateSimulatorState>;

/** What the simulator knows and does; tests inspect and change it through this object. */
export function createGateSimulatorState(seed: GateSeed, options: { now: () => number; rateLimit: GateRateLimitConfig }) {
  // Fault switches and counters (simulator-faults.ts). Here failing sub-accounts (by login name) answer 500 INTERNAL on their key endpoints,
  // and rateLimitEveryRequest refuses every private call with 429 TOO_MANY_REQUESTS (counted in stats.rateLimited).
  const state = createSimulatorState(seed, {
    masterUid: seed.master.userId, nameOf: (sub) => sub.loginName, uidOf: (sub) => sub.userId, labelOf: (key) => key.name,
  }, options.now);
  const windows = createFixedWindows();
  const { windowMs } = options.rateLimit;

  return Object.assign(state, {
    findSubAccountByUserId: (userId: number) => state.listSubAccounts().find((sub) => sub.userId === userId),
    /** Counts one call of `endpoint` for the UID; a window starts with its first call and lasts windowMs. */
    chargeEndpoint(userId: number, endpoint: string, isSubAccountEndpoint: boolean): GateEndpointCharge {
      const quota = isSubAccountEndpoint ? options.rateLimit.subAccountLimit : options.rateLimit.otherLimit;
      const window = windows.charge(`${userId} ${endpoint}`, { nowMs: options.now(), windowMs, quota, isRefused: state.faults.rateLimitEveryRequest });
      return { isAllowed: window.isAllowed, limit: quota, remaining: quota - window.used, resetAtMs: window.endsAtMs };
    },
  });
}
