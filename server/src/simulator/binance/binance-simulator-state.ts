import { createFixedWindows } from '../rate-limit-window.ts';
import { createSimulatorState, type SimulatorKeyOwner } from '../simulator-state.ts';

/** The permission flags of GET /sapi/v1/account/apiRestrictions (docs/exchanges/binance.md#calling-key). */
export const BINANCE_PERMISSION_FLAGS = [
  'enableReading', 'enableSpotAndMarginTrading', 'enableMargin', 'enableFutures', 'enablePortfolioMarginTrading',
  'enableVanillaOptions', 'enableInternalTransfer', 'permitsUniversalTransfer', 'enableWithdrawals',
  'enableFixApiTrade', 'enableFixReadOnly',
] as const;
export type BinancePermissionFlag = (typeof BINANCE_PERMISSION_FLAGS)[number];

/** One key as the simulator holds it: its secret included, unlike anything Binance returns. */
export type BinanceSeedKey = {
  apiKey: string;
  secret: string;
  apiName: string;
  /** The flags that are true. Sub-account listings show only the can* subset of them (docs/exchanges/binance.md#permissions). */
  permissions: BinancePermissionFlag[];
  /** [] accepts any IP. */
  ipList: string[];
  createdAtMs: number;
  /** Sent by apiRestrictions when set (older answers carry it, docs/exchanges/binance.md#calling-key). */
  tradingAuthorityExpirationMs?: number;
  /**
   * A key created with IP restriction status 3, "third-party IP restriction", for this app (docs/exchanges/binance.md#permissions).
   * Its ipRestriction answer then carries status 3 and the name, and no IP list.
   */
  thirdPartyName?: string;
  /** IP restriction status (1 or 2) the ipRestriction answer states explicitly; without it the answer has no status, as in the docs' example. */
  ipRestrictionStatus?: 1 | 2;
};

export type BinanceSeedSubAccount = {
  email: string;
  subUserId: number;
  remark: string;
  createdAtMs: number;
  keys: BinanceSeedKey[];
  /** An asset-management sub-account: listed as such; Binance's key deletion does not support it. */
  isAssetManagement?: boolean;
};

export type BinanceSeed = {
  /** The master account's keys are visible only to themselves (apiRestrictions). */
  master: { uid: number; keys: BinanceSeedKey[] };
  subAccounts: BinanceSeedSubAccount[];
};

/** Weight per minute of each endpoint's own budget (docs/exchanges/binance.md#rate-limits). */
export type BinanceRateLimitConfig = { ipWeightPerMinute: number; uidWeightPerMinute: number };

export const BINANCE_DOCUMENTED_RATE_LIMIT: BinanceRateLimitConfig = { ipWeightPerMinute: 12_000, uidWeightPerMinute: 180_000 };

export type BinanceKeyOwner = SimulatorKeyOwner<BinanceSeedKey, number>;

export type BinanceWeightCharge = { isAllowed: boolean; usedWeight: number; retryAfterSeconds: number };

const MINUTE_MS = 60_000;

export type BinanceSimulatorState = ReturnType<typeof createBinanceSimulatorState>;

/** What the simulator knows and does; tests inspect and change it through this object. */
export function createBinanceSimulatorState(seed: BinanceSeed, options: { now: () => number; rateLimit: BinanceRateLimitConfig }) {
  // Fault switches and counters (simulator-faults.ts). Here failing sub-accounts (by email) answer HTTP 500 / -1001 on their key endpoints,
  // and rateLimitEveryRequest refuses every weighted call with HTTP 429 / -1003 (counted in stats.rateLimited).
  const state = createSimulatorState(seed, {
    masterUid: seed.master.uid, nameOf: (sub) => sub.email, uidOf: (sub) => sub.subUserId, labelOf: (key) => key.apiName,
  }, options.now);
  const budgets = createFixedWindows({ isAlignedToClock: true });

  return Object.assign(state, {
    /** Charges `weight` to one budget (an endpoint, per IP or per UID); budgets reset on the minute of Binance's clock. */
    chargeWeight(budgetId: string, limit: 'ip' | 'uid', weight: number): BinanceWeightCharge {
      const nowMs = state.nowMs();
      const quota = limit === 'ip' ? options.rateLimit.ipWeightPerMinute : options.rateLimit.uidWeightPerMinute;
      const budget = budgets.charge(budgetId, { nowMs, windowMs: MINUTE_MS, quota, weight, isRefused: state.faults.rateLimitEveryRequest });
      return { isAllowed: budget.isAllowed, usedWeight: budget.used, retryAfterSeconds: Math.ceil((budget.endsAtMs - nowMs) / 1_000) };
    },
  });
}
