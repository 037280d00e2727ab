import type { AccountRef } from '@contract/audited-key.ts';
import { createSimulatorFaults } from '../simulator-faults.ts';

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
};

export type OkxKeyOwner = { account: AccountRef; uid: string; key: OkxSeedKey };

const MASTER: AccountRef = { kind: 'master', name: 'master' };

export type OkxSimulatorState = ReturnType<typeof createOkxSimulatorState>;

/** What the simulator knows and does; tests inspect and change it through this object. */
export function createOkxSimulatorState(seed: OkxSeed, options: { now: () => number; rateLimits: OkxRateLimits }) {
  const data = structuredClone(seed);
  /** Start times of recent requests, by uid + endpoint. */
  const recentStarts = new Map<string, number[]>();
  // Fault switches and counters (simulator-faults.ts). Here failing sub-accounts answer 50026 (HTTP 500) on their key endpoints,
  // and rateLimitEveryRequest refuses every private call with HTTP 429 / 50011 (counted in stats.rateLimited).
  const switches = createSimulatorFaults();

  const findSubAccount = (subAcct: string) => data.subAccounts.find((sub) => sub.subAcct === subAcct);
  const keysOf = (account: AccountRef) => (account.kind === 'master' ? data.master.keys : findSubAccount(account.name)?.keys);

  return Object.assign(switches, {
    /** The simulated OKX clock, skew included. */
    nowMs: () => options.now() + switches.faults.clockSkewMs,
    masterUid: () => data.master.uid,
    listSubAccounts: (): readonly OkxSeedSubAccount[] => data.subAccounts,
    findSubAccount,
    listKeys: (account: AccountRef): readonly OkxSeedKey[] => keysOf(account) ?? [],
    /** Every key the simulator holds, master keys included (OKX's API lists none of those but the caller's own). */
    listAllKeys(): { account: string; apiKey: string; label: string }[] {
      const owned = [{ account: 'master', keys: data.master.keys }, ...data.subAccounts.map((sub) => ({ account: sub.subAcct, keys: sub.keys }))];
      return owned.flatMap(({ account, keys }) => keys.map((key) => ({ account, apiKey: key.apiKey, label: key.label })));
    },
    findKey(apiKey: string): OkxKeyOwner | undefined {
      const masterKey = data.master.keys.find((key) => key.apiKey === apiKey);
      if (masterKey) return { account: MASTER, uid: data.master.uid, key: masterKey };
      for (const sub of data.subAccounts) {
        const key = sub.keys.find((candidate) => candidate.apiKey === apiKey);
        if (key) return { account: { kind: 'sub', name: sub.subAcct }, uid: sub.uid, key };
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
    /** Counts a request against its endpoint's limit for this uid; false when it is over (sliding window). */
    takeRateLimitSlot(uid: string, endpoint: string): boolean {
      if (switches.faults.rateLimitEveryRequest) return false;
      const limit = options.rateLimits[endpoint];
      if (!limit) return true;
      const nowMs = options.now();
      const bucket = `${uid} ${endpoint}`;
      const starts = (recentStarts.get(bucket) ?? []).filter((startMs) => nowMs - startMs < limit.windowMs);
      recentStarts.set(bucket, starts);
      if (starts.length >= limit.requests) return false;
      starts.push(nowMs);
      return true;
    },
  });
}
