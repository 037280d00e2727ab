import { createSlidingWindows } from '../rate-limit-window.ts';
import { createSimulatorState, type SimulatorKeyOwner } from '../simulator-state.ts';

/** One key as the simulator holds it: secret and passphrase included, unlike anything OKX returns. */
export type OkxSeedKey = {
  apiKey: string;
  secret: string;
  passphrase: string;
  label: string;
  /** Comma-separated permission words, as OKX reports them ("read_only,trade"). */
  perm: string;
  /** Comma-separated IPs or network segments; "" accepts any IP. */
  ip: string;
  createdAtMs: number;
};

export type OkxSeedSubAccount = {
  /** 6–20 letters and digits, case-sensitive (OKX's create-subaccount rule). */
  subAcct: string;
  uid: string;
  label: string;
  createdAtMs: number;
  keys: OkxSeedKey[];
};

export type OkxSeed = {
  /** Master keys are visible only to themselves (GET /api/v5/account/config); OKX lists none of them. */
  master: { uid: string; keys: OkxSeedKey[] };
  subAccounts: OkxSeedSubAccount[];
};

/** requests per windowMs, per endpoint and User ID, as OKX documents its limits. */
export type OkxRateLimits = Readonly<Record<string, { requests: number; windowMs: number }>>;

/** Documented limits (docs/exchanges/okx.md#rate-limits); the public time endpoint is not limited here. */
export const OKX_DOCUMENTED_RATE_LIMITS: OkxRateLimits = {
  '/api/v5/account/config': { requests: 5, windowMs: 2_000 },
  '/api/v5/users/subaccount/list': { requests: 2, windowMs: 2_000 },
  '/api/v5/users/subaccount/apikey': { requests: 20, windowMs: 2_000 },
  '/api/v5/users/subaccount/delete-apikey': { requests: 1, windowMs: 1_000 },
  '/api/v5/users/subaccount/modify-apikey': { requests: 1, windowMs: 1_000 },
};

export type OkxKeyOwner = SimulatorKeyOwner<OkxSeedKey, string>;

export type OkxSimulatorState = ReturnType<typeof createOkxSimulatorState>;

/** What the simulator knows and does; tests inspect and change it through this object. */
export function createOkxSimulatorState(seed: OkxSeed, options: { now: () => number; rateLimits: OkxRateLimits }) {
  // Fault switches and counters (simulator-faults.ts). Here failing sub-accounts answer 50026 (HTTP 500) on their key endpoints,
  // and rateLimitEveryRequest refuses every private call with HTTP 429 / 50011 (counted in stats.rateLimited).
  const state = createSimulatorState(seed, {
    masterUid: seed.master.uid, nameOf: (sub) => sub.subAcct, uidOf: (sub) => sub.uid, labelOf: (key) => key.label,
  }, options.now);
  /** Recent requests, by uid + endpoint. */
  const windows = createSlidingWindows();

  return Object.assign(state, {
    /** Counts a request against its endpoint's limit for this uid; false when it is over (sliding window). */
    takeRateLimitSlot(uid: string, endpoint: string): boolean {
      if (state.faults.rateLimitEveryRequest) return false;
      const limit = options.rateLimits[endpoint];
      if (!limit) return true;
      return windows.take(`${uid} ${endpoint}`, { nowMs: options.now(), windowMs: limit.windowMs, quota: limit.requests }).isAllowed;
    },
  });
}
