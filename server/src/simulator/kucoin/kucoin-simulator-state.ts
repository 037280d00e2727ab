import type { AccountRef } from '@contract/audited-key.ts';
import { createSimulatorFaults } from '../simulator-faults.ts';

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

export type KucoinKeyOwner = { account: AccountRef; uid: number; key: KucoinSeedKey };

export type KucoinPoolCharge = { isAllowed: boolean; limit: number; remaining: number; resetMs: number };

export type KucoinSimulatorState = ReturnType<typeof createKucoinSimulatorState>;

/** What the simulator knows and does; tests inspect and change it through this object. */
export function createKucoinSimulatorState(seed: KucoinSeed, options: { now: () => number; rateLimit: KucoinRateLimitConfig }) {
  const data = structuredClone(seed);
  const pools = new Map<number, { windowStartMs: number; usedWeight: number }>();
  // Fault switches and counters (simulator-faults.ts). Here failing sub-accounts answer 500000 on their key endpoints,
  // and rateLimitEveryRequest refuses every private call with HTTP 429 / 429000 (counted in stats.rateLimited).
  const switches = createSimulatorFaults();
  let rateLimit = { ...options.rateLimit };

  const findSubAccount = (subName: string) => data.subAccounts.find((sub) => sub.subName === subName);
  const keysOf = (account: AccountRef) => (account.kind === 'master' ? data.master.keys : findSubAccount(account.name)?.keys);

  return Object.assign(switches, {
    /** The simulated KuCoin clock, skew included. */
    nowMs: () => options.now() + switches.faults.clockSkewMs,
    setRateLimit(config: KucoinRateLimitConfig) {
      rateLimit = { ...config };
      pools.clear();
    },
    masterUid: () => data.master.uid,
    listSubAccounts: (): readonly KucoinSeedSubAccount[] => data.subAccounts,
    findSubAccount,
    listKeys: (account: AccountRef): readonly KucoinSeedKey[] => keysOf(account) ?? [],
    /** Every key, for tests and the /_simulator view: account is 'master' or the sub-account name. */
    listAllKeys(): { account: string; apiKey: string; label: string }[] {
      return [
        ...data.master.keys.map((key) => ({ account: 'master', apiKey: key.apiKey, label: key.remark })),
        ...data.subAccounts.flatMap((sub) => sub.keys.map((key) => ({ account: sub.subName, apiKey: key.apiKey, label: key.remark }))),
      ];
    },
    findKey(apiKey: string): KucoinKeyOwner | undefined {
      const masterKey = data.master.keys.find((key) => key.apiKey === apiKey);
      if (masterKey) return { account: { kind: 'master', name: 'master' }, uid: data.master.uid, key: masterKey };
      for (const sub of data.subAccounts) {
        const key = sub.keys.find((candidate) => candidate.apiKey === apiKey);
        if (key) return { account: { kind: 'sub', name: sub.subName }, uid: sub.uid, key };
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
    /** Charges `weight` to the UID's pool; a pool refills `windowMs` after its first request. */
    chargePool(uid: number, weight: number): KucoinPoolCharge {
      const nowMs = options.now();
      let pool = pools.get(uid);
      if (!pool || nowMs - pool.windowStartMs >= rateLimit.windowMs) {
        pool = { windowStartMs: nowMs, usedWeight: 0 };
        pools.set(uid, pool);
      }
      const isAllowed = !switches.faults.rateLimitEveryRequest && pool.usedWeight + weight <= rateLimit.quota;
      if (isAllowed) pool.usedWeight += weight;
      const resetMs = pool.windowStartMs + rateLimit.windowMs - nowMs;
      return { isAllowed, limit: rateLimit.quota, remaining: rateLimit.quota - pool.usedWeight, resetMs };
    },
  });
}
