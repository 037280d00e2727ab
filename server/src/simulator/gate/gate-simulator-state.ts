import type { AccountRef } from '@contract/audited-key.ts';
import { createSimulatorFaults } from '../simulator-faults.ts';

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

export type GateKeyOwner = { account: AccountRef; userId: number; key: GateSeedKey };

export type GateEndpointCharge = { isAllowed: boolean; limit: number; remaining: number; resetAtMs: number };

const MASTER: AccountRef = { kind: 'master', name: 'master' };

export type GateSimulatorState = ReturnType<typeof createGateSimulatorState>;

/** What the simulator knows and does; tests inspect and change it through this object. */
export function createGateSimulatorState(seed: GateSeed, options: { now: () => number; rateLimit: GateRateLimitConfig }) {
  const data = structuredClone(seed);
  const windows = new Map<string, { startMs: number; used: number }>();
  // Fault switches and counters (simulator-faults.ts). Here failing sub-accounts (by login name) answer 500 INTERNAL on their key endpoints,
  // and rateLimitEveryRequest refuses every private call with 429 TOO_MANY_REQUESTS (counted in stats.rateLimited).
  const switches = createSimulatorFaults();
  let rateLimit = { ...options.rateLimit };

  const findSubAccount = (loginName: string) => data.subAccounts.find((sub) => sub.loginName === loginName);
  const keysOf = (account: AccountRef) => (account.kind === 'master' ? data.master.keys : findSubAccount(account.name)?.keys);

  return Object.assign(switches, {
    /** The simulated Gate clock in ms, skew included. */
    nowMs: () => options.now() + switches.faults.clockSkewMs,
    setRateLimit(config: GateRateLimitConfig) {
      rateLimit = { ...config };
      windows.clear();
    },
    masterUserId: () => data.master.userId,
    listSubAccounts: (): readonly GateSeedSubAccount[] => data.subAccounts,
    findSubAccount,
    findSubAccountByUserId: (userId: number) => data.subAccounts.find((sub) => sub.userId === userId),
    listKeys: (account: AccountRef): readonly GateSeedKey[] => keysOf(account) ?? [],
    /** Every key, master first: account is 'master' or the sub-account's login name. */
    listAllKeys(): { account: string; apiKey: string; label: string }[] {
      return [{ account: 'master', keys: data.master.keys }, ...data.subAccounts.map((sub) => ({ account: sub.loginName, keys: sub.keys }))]
        .flatMap(({ account, keys }) => keys.map((key) => ({ account, apiKey: key.apiKey, label: key.name })));
    },
    findKey(apiKey: string): GateKeyOwner | undefined {
      const masterKey = data.master.keys.find((key) => key.apiKey === apiKey);
      if (masterKey) return { account: MASTER, userId: data.master.userId, key: masterKey };
      for (const sub of data.subAccounts) {
        const key = sub.keys.find((candidate) => candidate.apiKey === apiKey);
        if (key) return { account: { kind: 'sub', name: sub.loginName }, userId: sub.userId, key };
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
    /** Counts one call of `endpoint` for the UID; a window starts with its first call and lasts windowMs. */
    chargeEndpoint(userId: number, endpoint: string, isSubAccountEndpoint: boolean): GateEndpointCharge {
      const nowMs = options.now();
      const limit = isSubAccountEndpoint ? rateLimit.subAccountLimit : rateLimit.otherLimit;
      const id = `${userId} ${endpoint}`;
      let window = windows.get(id);
      if (!window || nowMs - window.startMs >= rateLimit.windowMs) {
        window = { startMs: nowMs, used: 0 };
        windows.set(id, window);
      }
      const isAllowed = !switches.faults.rateLimitEveryRequest && window.used < limit;
      if (isAllowed) window.used += 1;
      return { isAllowed, limit, remaining: limit - window.used, resetAtMs: window.startMs + rateLimit.windowMs };
    },
  });
}
