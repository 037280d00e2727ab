import { createFixedWindows } from '../rate-limit-window.ts';
import { createSimulatorState, type SimulatorKeyOwner } from '../simulator-state.ts';

/** One key as the simulator holds it: secret and passphrase included, unlike anything KuCoin returns. */
export type KucoinSeedKey = {
  apiKey: string;
  secret: string;
  passphrase: string;
  remark: string;
  /** Comma-separated permission words, as KuCoin reports them ("General,Spot"). */
  permission: string;
  /** Comma-separated IPs; "" accepts any IP. */
  ipWhitelist: string;
  createdAtMs: number;
  /** Defaults to 3. */
  apiVersion?: number;
};

export type KucoinSeedSubAccount = {
  subName: string;
  uid: number;
  userId: string;
  remarks: string;
  createdAtMs: number;
  keys: KucoinSeedKey[];
};

export type KucoinSeed = {
  /** The master account's keys are visible only to themselves (GET /api/v1/user/api-key). */
  master: { uid: number; keys: KucoinSeedKey[] };
  subAccounts: KucoinSeedSubAccount[];
};

/** A Management resource pool: `quota` weight per `windowMs`, per UID (docs/exchanges/kucoin.md#rate-limits). */
export type KucoinRateLimitConfig = { quota: number; windowMs: number };

/** VIP0's Management pool. */
export const KUCOIN_DOCUMENTED_RATE_LIMIT: KucoinRateLimitConfig = { quota: 2_000, windowMs: 30_000 };

export type KucoinKeyOwner = SimulatorKeyOwner<KucoinSeedKey, number>;

export type KucoinPoolCharge = { isAllowed: boolean; limit: number; remaining: number; resetMs: number };

export type KucoinSimulatorState = ReturnType<typeof createKucoinSimulatorState>;

/** What the simulator knows and does; tests inspect and change it through this object. */
export function createKucoinSimulatorState(seed: KucoinSeed, options: { now: () => number; rateLimit: KucoinRateLimitConfig }) {
  // Fault switches and counters (simulator-faults.ts). Here failing sub-accounts answer 500000 on their key endpoints,
  // and rateLimitEveryRequest refuses every private call with HTTP 429 / 429000 (counted in stats.rateLimited).
  const state = createSimulatorState(seed, {
    masterUid: seed.master.uid, nameOf: (sub) => sub.subName, uidOf: (sub) => sub.uid, labelOf: (key) => key.remark,
  }, options.now);
  const pools = createFixedWindows();
  const { quota, windowMs } = options.rateLimit;

  return Object.assign(state, {
    /** Charges `weight` to the UID's pool; a pool refills `windowMs` after its first request. */
    chargePool(uid: number, weight: number): KucoinPoolCharge {
      const nowMs = options.now();
      const pool = pools.charge(String(uid), { nowMs, windowMs, quota, weight, isRefused: state.faults.rateLimitEveryRequest });
      return { isAllowed: pool.isAllowed, limit: quota, remaining: quota - pool.used, resetMs: pool.endsAtMs - nowMs };
    },
  });
}
