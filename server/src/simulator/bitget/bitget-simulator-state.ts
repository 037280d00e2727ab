import { createSlidingWindows } from '../rate-limit-window.ts';
import { createSimulatorState, type SimulatorKeyOwner } from '../simulator-state.ts';

/** One key as the simulator holds it: secret and passphrase included, unlike anything Bitget returns. */
export type BitgetSeedKey = {
  apiKey: string;
  secret: string;
  passphrase: string;
  /** The key's label on Bitget's website; the API never returns it. */
  note: string;
  authorities: string[];
  /** Bound IPs, comma-separated as Bitget answers them; '' accepts any IP. */
  ips: string;
  userId: string;
  /** A unified trading account's key: the classic account-info endpoint answers 40085. */
  isUnifiedAccount?: boolean;
};

/** Bitget's API as keyaudit uses it shows each key only to itself. */
export type BitgetSeed = { master: { keys: BitgetSeedKey[] }; subAccounts: never[] };

export type BitgetKeyOwner = SimulatorKeyOwner<BitgetSeedKey, string>;

/** "1 times/1s (UID)" for GET /api/v2/spot/account/info (docs/exchanges/bitget.md#rate-limits). */
export const BITGET_DOCUMENTED_REQUESTS_PER_SECOND = 1;

export type BitgetSimulatorState = ReturnType<typeof createBitgetSimulatorState>;

/** What the simulator knows and does; tests inspect and change it through this object. */
export function createBitgetSimulatorState(seed: BitgetSeed, options: { now: () => number; requestsPerSecond: number }) {
  // Fault switches and counters (simulator-faults.ts): rateLimitEveryRequest answers HTTP 429 code "429" to every private
  // call (counted in stats.rateLimited); failSubAccounts does nothing, as keyaudit lists no Bitget sub-accounts.
  const state = createSimulatorState(seed, { masterUid: 'bitget', nameOf: () => '', uidOf: () => '', labelOf: (key) => key.note }, options.now);
  const windows = createSlidingWindows();
  return Object.assign(state, {
    /** Counts one call of `path` for the key's UID if its one-second window has room. */
    chargeCall(userId: string, path: string): boolean {
      return windows.take(`${userId} ${path}`, { nowMs: options.now(), windowMs: 1_000, quota: options.requestsPerSecond, isRefused: state.faults.rateLimitEveryRequest }).isAllowed;
    },
  });
}
