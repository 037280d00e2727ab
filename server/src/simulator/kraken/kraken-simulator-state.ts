import { createSimulatorState, type SimulatorKeyOwner } from '../simulator-state.ts';

/** One key as the simulator holds it: secret included, unlike anything Kraken returns. Times in Unix seconds, as Kraken's. */
export type KrakenSeedKey = {
  apiKey: string;
  /** Base64, as Kraken hands out private keys. */
  secret: string;
  apiKeyName: string;
  permissions: string[];
  /** [] accepts any IP ("empty if not restricted"). */
  ipAllowlist: string[];
  /** 0: no expiry. */
  validUntilS: number;
  createdTimeS: number;
  /** null: never used. The simulator moves it to the time of each accepted call, after answering. */
  lastUsedS: number | null;
};

/** Kraken's Spot API knows no sub-accounts: each key is seen only by itself. */
export type KrakenSeed = { master: { keys: KrakenSeedKey[] }; subAccounts: never[] };

export type KrakenKeyOwner = SimulatorKeyOwner<KrakenSeedKey, string>;

/** The Starter tier's call counter (docs/exchanges/kraken.md#rate-limits): maximum 15, decaying by 0.33 a second. */
export type KrakenCallCounter = { maximum: number; decayPerSecond: number };
export const KRAKEN_DOCUMENTED_CALL_COUNTER: KrakenCallCounter = { maximum: 15, decayPerSecond: 0.33 };

export type KrakenSimulatorState = ReturnType<typeof createKrakenSimulatorState>;

/** What the simulator knows and does; tests inspect and change it through this object. */
export function createKrakenSimulatorState(seed: KrakenSeed, options: { now: () => number; callCounter: KrakenCallCounter }) {
  // Fault switches and counters (simulator-faults.ts): rateLimitEveryRequest answers "EAPI:Rate limit exceeded" to every
  // private call (counted in stats.rateLimited); failSubAccounts does nothing, as there are no sub-accounts.
  const state = createSimulatorState(seed, { masterUid: 'kraken', nameOf: () => '', uidOf: () => '', labelOf: (key) => key.apiKeyName }, options.now);
  /** Per key: the last nonce accepted, and the call counter with when it was last charged. */
  const lastNonces = new Map<string, bigint>();
  const counters = new Map<string, { value: number; atMs: number }>();

  return Object.assign(state, {
    /** Accepts `nonce` if it is higher than the last one this key sent; remembers it. */
    acceptNonce(apiKey: string, nonce: bigint): boolean {
      const last = lastNonces.get(apiKey);
      if (last !== undefined && nonce <= last) return false;
      lastNonces.set(apiKey, nonce);
      return true;
    },
    /** Raises the key's call counter by one if it has room after decaying since its last charge. */
    chargeCall(apiKey: string): boolean {
      const nowMs = options.now();
      const previous = counters.get(apiKey) ?? { value: 0, atMs: nowMs };
      const decayed = Math.max(0, previous.value - ((nowMs - previous.atMs) / 1000) * options.callCounter.decayPerSecond);
      if (state.faults.rateLimitEveryRequest || decayed + 1 > options.callCounter.maximum) {
        counters.set(apiKey, { value: decayed, atMs: nowMs });
        return false;
      }
      counters.set(apiKey, { value: decayed + 1, atMs: nowMs });
      return true;
    },
  });
}
