import type { AccountRef } from '@contract/audited-key.ts';
import { createSimulatorFaults } from '../simulator-faults.ts';

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

export type BybitKeyOwner = { account: AccountRef; uid: string; key: BybitSeedKey };
export type BybitRateCharge = { isAllowed: boolean; limit: number; remaining: number; resetAtMs: number };

const DAY_MS = 86_400_000;
const WINDOW_MS = 1_000;
/** "No ip bound api key will be invalid after 90 days" (docs/v5/user/modify-sub-apikey.mdx). */
const UNBOUND_KEY_LIFETIME_MS = 90 * DAY_MS;

export type BybitSimulatorState = ReturnType<typeof createBybitSimulatorState>;

/** What the simulator knows and does; tests inspect and change it through this object. */
export function createBybitSimulatorState(seed: BybitSeed, options: { now: () => number; rateLimits: Readonly<Record<string, number>> }) {
  const data = structuredClone(seed);
  /** Accepted calls per UID and path, for Bybit's "rolling time window per second and UID". */
  const windows = new Map<string, number[]>();
  // Fault switches and counters (simulator-faults.ts). Here failing sub-accounts (by UID) answer 10016 "Server error" on their key endpoints,
  // and rateLimitEveryRequest refuses every private call with 10006 (counted in stats.rateLimited).
  const switches = createSimulatorFaults();

  const findSubAccount = (uid: string) => data.subAccounts.find((sub) => sub.uid === uid);
  const keysOf = (account: AccountRef) => (account.kind === 'master' ? data.master.keys : findSubAccount(account.name)?.keys);
  const owners = (): BybitKeyOwner[] => [
    ...data.master.keys.map((key) => ({ account: { kind: 'master', name: 'master' } as AccountRef, uid: data.master.uid, key })),
    ...data.subAccounts.flatMap((sub) => sub.keys.map((key) => ({ account: { kind: 'sub', name: sub.uid } as AccountRef, uid: sub.uid, key }))),
  ];

  return Object.assign(switches, {
    /** The simulated Bybit clock, skew included, in whole milliseconds like Bybit's. */
    nowMs: () => Math.floor(options.now() + switches.faults.clockSkewMs),
    masterUid: () => data.master.uid,
    listSubAccounts: (): readonly BybitSeedSubAccount[] => data.subAccounts,
    findSubAccount,
    listKeys: (account: AccountRef): readonly BybitSeedKey[] => keysOf(account) ?? [],
    /** Every key, master first; `account` is "master" or the sub-account's UID (keyaudit's account name). */
    listAllKeys: () => owners().map(({ account, key }) => ({
      account: account.name, username: account.kind === 'sub' ? findSubAccount(account.name)?.username ?? '' : '', apiKey: key.apiKey, label: key.note,
    })),
    findKey: (apiKey: string): BybitKeyOwner | undefined => owners().find((owner) => owner.key.apiKey === apiKey),
    deleteKey(apiKey: string): boolean {
      const owner = owners().find((candidate) => candidate.key.apiKey === apiKey);
      const keys = owner && keysOf(owner.account);
      if (!owner || !keys) return false;
      keys.splice(keys.indexOf(owner.key), 1);
      return true;
    },
    expiresAtMs: (key: BybitSeedKey): number | null =>
      key.expiresAtMs !== undefined ? key.expiresAtMs : key.ips.includes('*') ? key.createdAtMs + UNBOUND_KEY_LIFETIME_MS : null,
    /** Counts a call to `path` for `uid` if the rolling one-second window has room. */
    chargeRateLimit(uid: string, path: string): BybitRateCharge {
      const nowMs = Math.floor(options.now());
      const limit = options.rateLimits[path] ?? 10;
      const starts = (windows.get(`${uid} ${path}`) ?? []).filter((startMs) => startMs + WINDOW_MS > nowMs);
      const isAllowed = !switches.faults.rateLimitEveryRequest && starts.length < limit;
      if (isAllowed) starts.push(nowMs);
      windows.set(`${uid} ${path}`, starts);
      // "the timestamp indicating when your request limit resets if you have exceeded your rate_limit.
      // Otherwise, this is just the current timestamp."
      const resetAtMs = isAllowed ? nowMs : (starts[0] ?? nowMs) + WINDOW_MS;
      const remaining = isAllowed ? limit - starts.length : 0;
      return { isAllowed, limit, remaining, resetAtMs: resetAtMs + switches.faults.clockSkewMs };
    },
  });
}
