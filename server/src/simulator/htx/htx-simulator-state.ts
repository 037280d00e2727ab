import { createSlidingWindows } from '../rate-limit-window.ts';
import { createSimulatorState, type SimulatorKeyOwner } from '../simulator-state.ts';

/** One key as the simulator holds it: secret included, unlike anything HTX returns. */
export type HtxSeedKey = {
  accessKey: string;
  secret: string;
  note: string;
  /** Comma-separated, as HTX answers: "readOnly,trade". */
  permission: string;
  /** Comma-separated; "" accepts any IP. */
  ipAddresses: string;
  /** -1: permanent. */
  validDays: number;
  createTimeMs: number;
};

export type HtxSeedSubUser = { uid: string; userState: 'normal' | 'lock'; keys: HtxSeedKey[] };
export type HtxSeed = { master: { uid: string; keys: HtxSeedKey[] }; subAccounts: HtxSeedSubUser[] };

/** The generic state looks keys up by `apiKey`; HTX calls it accessKey. */
type StoredKey = HtxSeedKey & { apiKey: string };
export type HtxKeyOwner = SimulatorKeyOwner<StoredKey, string>;

/** "Each API Key is limited to 10 times per second" (docs/exchanges/htx.md#rate-limits). */
export const HTX_DOCUMENTED_REQUESTS_PER_SECOND = 10;

export type HtxSimulatorState = ReturnType<typeof createHtxSimulatorState>;

const withApiKey = (key: HtxSeedKey): StoredKey => ({ ...key, apiKey: key.accessKey });

/** What the simulator knows and does; tests inspect and change it through this object. */
export function createHtxSimulatorState(seed: HtxSeed, options: { now: () => number; requestsPerSecond: number }) {
  // Fault switches and counters (simulator-faults.ts): failing sub users (by UID) answer code 500 on their key listing
  // and deletion; rateLimitEveryRequest refuses every private call with err-code "rate-too-many-requests" (stats.rateLimited).
  const stored = {
    master: { uid: seed.master.uid, keys: seed.master.keys.map(withApiKey) },
    subAccounts: seed.subAccounts.map((sub) => ({ ...sub, keys: sub.keys.map(withApiKey) })),
  };
  const state = createSimulatorState(stored, { masterUid: seed.master.uid, nameOf: (sub) => sub.uid, uidOf: (sub) => sub.uid, labelOf: (key) => key.note }, options.now);
  const windows = createSlidingWindows();
  return Object.assign(state, {
    /** The keys of a UID, the parent's or a sub user's; undefined for an unknown UID. */
    keysOfUid(uid: string): readonly StoredKey[] | undefined {
      if (uid === seed.master.uid) return state.listKeys({ kind: 'master', name: 'master' });
      return state.findSubAccount(uid)?.keys;
    },
    /** Counts one call for the key if its one-second window has room. */
    chargeCall(accessKey: string): boolean {
      return windows.take(accessKey, { nowMs: options.now(), windowMs: 1_000, quota: options.requestsPerSecond, isRefused: state.faults.rateLimitEveryRequest }).isAllowed;
    },
  });
}
