import type { AccountRef } from '@contract/audited-key.ts';
import { createSimulatorFaults } from '../simulator-faults.ts';

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

export type BinanceKeyOwner = { account: AccountRef; uid: number; key: BinanceSeedKey };

export type BinanceWeightCharge = { isAllowed: boolean; usedWeight: number; retryAfterSeconds: number };

const MINUTE_MS = 60_000;

export type BinanceSimulatorState = ReturnType<typeof createBinanceSimulatorState>;

/** What the simulator knows and does; tests inspect and change it through this object. */
export function createBinanceSimulatorState(seed: BinanceSeed, options: { now: () => number; rateLimit: BinanceRateLimitConfig }) {
  const data = structuredClone(seed);
  const budgets = new Map<string, { minuteMs: number; usedWeight: number }>();
  // Fault switches and counters (simulator-faults.ts). Here failing sub-accounts (by email) answer HTTP 500 / -1001 on their key endpoints,
  // and rateLimitEveryRequest refuses every weighted call with HTTP 429 / -1003 (counted in stats.rateLimited).
  const switches = createSimulatorFaults();
  let rateLimit = { ...options.rateLimit };

  const nowMs = () => options.now() + switches.faults.clockSkewMs;
  const findSubAccount = (email: string) => data.subAccounts.find((sub) => sub.email === email);
  const keysOf = (account: AccountRef) => (account.kind === 'master' ? data.master.keys : findSubAccount(account.name)?.keys);

  return Object.assign(switches, {
    /** The simulated Binance clock, skew included. */
    nowMs,
    setRateLimit(config: BinanceRateLimitConfig) {
      rateLimit = { ...config };
      budgets.clear();
    },
    masterUid: () => data.master.uid,
    listSubAccounts: (): readonly BinanceSeedSubAccount[] => data.subAccounts,
    findSubAccount,
    listKeys: (account: AccountRef): readonly BinanceSeedKey[] => keysOf(account) ?? [],
    /** Every key the simulator holds, by account: "master" or the sub-account's email. */
    listAllKeys(): { account: string; apiKey: string; label: string }[] {
      const view = (account: string, keys: readonly BinanceSeedKey[]) => keys.map((key) => ({ account, apiKey: key.apiKey, label: key.apiName }));
      return [...view('master', data.master.keys), ...data.subAccounts.flatMap((sub) => view(sub.email, sub.keys))];
    },
    findKey(apiKey: string): BinanceKeyOwner | undefined {
      const masterKey = data.master.keys.find((key) => key.apiKey === apiKey);
      if (masterKey) return { account: { kind: 'master', name: 'master' }, uid: data.master.uid, key: masterKey };
      for (const sub of data.subAccounts) {
        const key = sub.keys.find((candidate) => candidate.apiKey === apiKey);
        if (key) return { account: { kind: 'sub', name: sub.email }, uid: sub.subUserId, key };
      }
      return undefined;
    },
    deleteKey(account: AccountRef, apiKey: string): boolean {
      const keys = keysOf(account);
      const index = keys?.findIndex((key) => key.apiKey === apiKey) ?? -1;
      if (!keys || index < 0) return false;
      keys.splice(index, 1);
      return true;
    },
    /** Charges `weight` to one budget (an endpoint, per IP or per UID); budgets reset on the minute of Binance's clock. */
    chargeWeight(budgetId: string, limit: 'ip' | 'uid', weight: number): BinanceWeightCharge {
      const minuteMs = Math.floor(nowMs() / MINUTE_MS) * MINUTE_MS;
      let budget = budgets.get(budgetId);
      if (!budget || budget.minuteMs !== minuteMs) {
        budget = { minuteMs, usedWeight: 0 };
        budgets.set(budgetId, budget);
      }
      const quota = limit === 'ip' ? rateLimit.ipWeightPerMinute : rateLimit.uidWeightPerMinute;
      const isAllowed = !switches.faults.rateLimitEveryRequest && budget.usedWeight + weight <= quota;
      if (isAllowed) budget.usedWeight += weight;
      return { isAllowed, usedWeight: budget.usedWeight, retryAfterSeconds: Math.ceil((minuteMs + MINUTE_MS - nowMs()) / 1_000) };
    },
  });
}
