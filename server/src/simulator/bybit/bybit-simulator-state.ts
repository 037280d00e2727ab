import { createSlidingWindows } from '../rate-limit-window.ts';
import { createSimulatorState, type SimulatorKeyOwner } from '../simulator-state.ts';

/** One key as the simulator holds it: secret included, unlike anything Bybit returns. */
export type BybitSeedKey = {
  apiKey: string;
  secret: string;
  note: string;
  /** Read-only keys cannot delete keys. Shown as readOnly 1/0 by query-api and true/false by sub-apikeys. */
  readOnly: boolean;
  /** Group → words, as Bybit reports them: { Wallet: ['AccountTransfer'] }. */
  permissions: Record<string, string[]>;
  /** Bound IPs; ['*'] accepts any IP. */
  ips: string[];
  /** 1: personal, 2: connected to a third-party app. Defaults to 1. */
  type?: 1 | 2;
  createdAtMs: number;
  /** null: never. Defaults to 90 days after creation for keys without bound IPs (Bybit's rule), else never. */
  expiresAtMs?: number | null;
};

export type BybitSeedSubAccount = {
  /** The sub UID: subMemberId in requests, and keyaudit's name of the account. */
  uid: string;
  username: string;
  remark: string;
  /** 1: standard sub-account, 6: custodial. Defaults to 1. */
  memberType?: number;
  keys: BybitSeedKey[];
};

export type BybitSeed = {
  /** The master account's keys are visible only to themselves (GET /v5/user/query-api). */
  master: { uid: string; keys: BybitSeedKey[] };
  subAccounts: BybitSeedSubAccount[];
};

export type BybitKeyOwner = SimulatorKeyOwner<BybitSeedKey, string>;
export type BybitRateCharge = { isAllowed: boolean; limit: number; remaining: number; resetAtMs: number };

/** Requests per second per UID and path: the docs' "User" table. */
export const BYBIT_DOCUMENTED_RATE_LIMITS: Readonly<Record<string, number>> = {
  '/v5/user/query-api': 10, '/v5/user/submembers': 5, '/v5/user/sub-apikeys': 10, '/v5/user/delete-sub-api': 5, '/v5/user/delete-api': 5,
};

const DAY_MS = 86_400_000;
const WINDOW_MS = 1_000;
/** "No ip bound api key will be invalid after 90 days" (docs/v5/user/modify-sub-apikey.mdx). */
const UNBOUND_KEY_LIFETIME_MS = 90 * DAY_MS;

export type BybitSimulatorState = ReturnType<typeof createBybitSimulatorState>;

/** What the simulator knows and does; tests inspect and change it through this object. */
export function createBybitSimulatorState(seed: BybitSeed, options: { now: () => number; rateLimits: Readonly<Record<string, number>> }) {
  // Fault switches and counters (simulator-faults.ts). Here failing sub-accounts (by UID) answer 10016 "Server error" on their key endpoints,
  // and rateLimitEveryRequest refuses every private call with 10006 (counted in stats.rateLimited).
  const state = createSimulatorState(seed, {
    masterUid: seed.master.uid, nameOf: (sub) => sub.uid, uidOf: (sub) => sub.uid, labelOf: (key) => key.note,
  }, options.now);
  /** Accepted calls per UID and path, for Bybit's "rolling time window per second and UID". */
  const windows = createSlidingWindows();
  const { nowMs, listAllKeys } = state;

  return Object.assign(state, {
    /** The simulated Bybit clock, skew included, in whole milliseconds like Bybit's. */
    nowMs: () => Math.floor(nowMs()),
    /** Every key, master first; `account` is "master" or the sub-account's UID (keyaudit's account name). */
    listAllKeys: () => listAllKeys().map((listing) => ({ ...listing, username: state.findSubAccount(listing.account)?.username ?? '' })),
    expiresAtMs: (key: BybitSeedKey): number | null =>
      key.expiresAtMs !== undefined ? key.expiresAtMs : key.ips.includes('*') ? key.createdAtMs + UNBOUND_KEY_LIFETIME_MS : null,
    /** Counts a call to `path` for `uid` if the rolling one-second window has room. */
    chargeRateLimit(uid: string, path: string): BybitRateCharge {
      const nowMs = Math.floor(options.now());
      const limit = options.rateLimits[path] ?? 10;
      const window = windows.take(`${uid} ${path}`, { nowMs, windowMs: WINDOW_MS, quota: limit, isRefused: state.faults.rateLimitEveryRequest });
      // "the timestamp indicating when your request limit resets if you have exceeded your rate_limit.
      // Otherwise, this is just the current timestamp."
      const resetAtMs = window.isAllowed ? nowMs : (window.oldestAtMs ?? nowMs) + WINDOW_MS;
      const remaining = window.isAllowed ? limit - window.count : 0;
      return { isAllowed: window.isAllowed, limit, remaining, resetAtMs: resetAtMs + state.faults.clockSkewMs };
    },
  });
}
