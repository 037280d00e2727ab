import { createSimulatorState, type SimulatorKeyOwner } from '../simulator-state.ts';

/** One key as the simulator holds it: secret included, which Deribit's listing also sends (docs/exchanges/deribit.md#calling-key). */
export type DeribitSeedKey = {
  /** Deribit's numeric key id, what remove_api_key takes. */
  id: number;
  /** The Client ID. */
  apiKey: string;
  /** The Client Secret. */
  secret: string;
  name: string;
  /** Space-separated scope words, as max_scope. */
  maxScope: string;
  enabled: boolean;
  features: string[];
  /** [] accepts any IP. */
  ipWhitelist: string[];
  timestampMs: number;
};

export type DeribitSeedAccount = { id: number; username: string; keys: DeribitSeedKey[] };

export type DeribitSeed = { master: DeribitSeedAccount; subAccounts: DeribitSeedAccount[] };

/** Deribit's default pool for non-matching-engine requests (docs/exchanges/deribit.md#rate-limits). */
export type DeribitCreditConfig = { costPerRequest: number; maxCredits: number; refillPerSecond: number };
export const DERIBIT_DOCUMENTED_CREDITS: DeribitCreditConfig = { costPerRequest: 500, maxCredits: 50_000, refillPerSecond: 10_000 };

/** `uid` is the account's id. */
export type DeribitKeyOwner = SimulatorKeyOwner<DeribitSeedKey, number>;

export type DeribitSimulatorState = ReturnType<typeof createDeribitSimulatorState>;

/** What the simulator knows and does; tests inspect and change it through this object. */
export function createDeribitSimulatorState(seed: DeribitSeed, options: { now: () => number; credits: DeribitCreditConfig }) {
  // Fault switches and counters (simulator-faults.ts): rateLimitEveryRequest refuses every private call with 10028
  // too_many_requests (counted in stats.rateLimited). failSubAccounts has nothing to fail: no method lists sub-account keys.
  const state = createSimulatorState(seed, {
    masterUid: seed.master.id, nameOf: (sub) => sub.username, uidOf: (sub) => sub.id, labelOf: (key) => key.name,
  }, options.now);
  const pools = new Map<number, { credits: number; atMs: number }>();
  /**
   * Whether key management asks for a security key (TFA) confirmation, as on accounts with security keys enabled.
   * An object, not a getter: Object.assign below would copy a getter's value of that moment.
   */
  const securityKey = { isRequired: false };

  return Object.assign(state, {
    /** Spends one request's credits from the account's pool; false when the pool cannot pay (or the fault refuses all). */
    charge(accountId: number): boolean {
      const { costPerRequest, maxCredits, refillPerSecond } = options.credits;
      const nowMs = options.now();
      const pool = pools.get(accountId) ?? { credits: maxCredits, atMs: nowMs };
      pool.credits = Math.min(maxCredits, pool.credits + ((nowMs - pool.atMs) / 1000) * refillPerSecond);
      pool.atMs = nowMs;
      pools.set(accountId, pool);
      if (state.faults.rateLimitEveryRequest || pool.credits < costPerRequest) return false;
      pool.credits -= costPerRequest;
      return true;
    },
    securityKey,
    requireSecurityKey(required: boolean) {
      securityKey.isRequired = required;
    },
  });
}
