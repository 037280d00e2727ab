import { createSlidingWindows } from '../rate-limit-window.ts';
import { createSimulatorState, type SimulatorKeyOwner } from '../simulator-state.ts';

/** One key as the simulator holds it: secret and passphrase included, unlike anything Bitget returns. */
export type BitgetSeedKey = {
  apiKey: string;
  secret: string;
  passphrase: string;
  /** The key's label: never returned for the calling key, `label` in a sub-account's key list. */
  note: string;
  /** `authorities` of the calling key, `permList` of a sub-account's key: each in its own vocabulary. */
  authorities: string[];
  /** Bound IPs, comma-separated as account info answers them (a sub-account's key list answers a list); '' accepts any IP. */
  ips: string;
  userId: string;
  /** A unified trading account's key: the classic account-info endpoint answers 40085. */
  isUnifiedAccount?: boolean;
};

/** A virtual sub-account (docs/exchanges/bitget.md#sub-accounts) and its keys. */
export type BitgetSeedSubAccount = {
  subAccountUid: string;
  /** Eight letters, as Bitget names virtual sub-accounts. */
  subAccountName: string;
  status: 'normal' | 'freeze' | 'del';
  label: string;
  keys: BitgetSeedKey[];
};

export type BitgetSeed = { master: { keys: BitgetSeedKey[] }; subAccounts: BitgetSeedSubAccount[] };

export type BitgetKeyOwner = SimulatorKeyOwner<BitgetSeedKey, string>;

/**
 * Calls per second per UID, by endpoint (docs/exchanges/bitget.md#rate-limits); the sub-account list takes the strictest
 * of its pages' renderings.
 */
export const BITGET_DOCUMENTED_REQUESTS_PER_SECOND: Readonly<Record<string, number>> = {
  '/api/v2/spot/account/info': 1,
  '/api/v2/user/virtual-subaccount-list': 1,
  '/api/v2/user/virtual-subaccount-apikey-list': 5,
};

export type BitgetSimulatorState = ReturnType<typeof createBitgetSimulatorState>;

/** What the simulator knows and does; tests inspect and change it through this object. */
export function createBitgetSimulatorState(seed: BitgetSeed, options: { now: () => number; requestsPerSecond?: number }) {
  // Fault switches and counters (simulator-faults.ts): rateLimitEveryRequest answers HTTP 429 code "429" to every private
  // call (counted in stats.rateLimited); failSubAccounts (by UID) answers 40015 to that sub-account's key list.
  const state = createSimulatorState(seed, {
    masterUid: 'bitget',
    // keyaudit names a virtual sub-account by its UID, which addresses it on Bitget.
    nameOf: (sub) => sub.subAccountUid,
    uidOf: (sub) => sub.subAccountUid,
    labelOf: (key) => key.note,
  }, options.now);
  const windows = createSlidingWindows();
  return Object.assign(state, {
    /** Counts one call of `path` for the key's UID if its one-second window has room. */
    chargeCall(userId: string, path: string): boolean {
      const quota = options.requestsPerSecond ?? BITGET_DOCUMENTED_REQUESTS_PER_SECOND[path] ?? 1;
      return windows.take(`${userId} ${path}`, { nowMs: options.now(), windowMs: 1_000, quota, isRefused: state.faults.rateLimitEveryRequest }).isAllowed;
    },
  });
}
