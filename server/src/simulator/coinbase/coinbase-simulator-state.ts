import { createFixedWindows } from '../rate-limit-window.ts';
import { createSimulatorState, type SimulatorKeyOwner } from '../simulator-state.ts';

/** One CDP key as the simulator holds it: its private key included, which Coinbase never has (it keeps the public key). */
export type CoinbaseSeedKey = {
  /** The key name, organizations/{org_id}/apiKeys/{key_id}. */
  apiKey: string;
  /** The portal's secret: a PEM EC private key, or an Ed25519 key as base64. */
  privateKey: string;
  nickname: string;
  canView: boolean;
  canTrade: boolean;
  canTransfer: boolean;
  canReceive: boolean;
  portfolioUuid: string;
  portfolioType: 'DEFAULT' | 'CONSUMER' | 'INTX' | 'UNDEFINED';
  /** The key's IP allowlist, set in the portal and never reported by the API; [] accepts any IP. */
  allowedIps: string[];
};

export type CoinbaseSeed = { master: { keys: CoinbaseSeedKey[] }; subAccounts: { name: string; keys: CoinbaseSeedKey[] }[] };

/** Private endpoints per key and second (docs/exchanges/coinbase.md#rate-limits, unverified). */
export const COINBASE_DOCUMENTED_RATE_LIMIT = { requestsPerSecond: 30 };

export type CoinbaseKeyOwner = SimulatorKeyOwner<CoinbaseSeedKey, string>;
export type CoinbaseSimulatorState = ReturnType<typeof createCoinbaseSimulatorState>;

/** What the simulator knows and does; tests inspect and change it through this object. */
export function createCoinbaseSimulatorState(seed: CoinbaseSeed, options: { now: () => number; requestsPerSecond: number }) {
  // Fault switches (simulator-faults.ts): rateLimitEveryRequest refuses every private call with 429; failSubAccounts has
  // nothing to fail (no sub-accounts).
  const state = createSimulatorState(seed, { masterUid: 'cdp-organization', nameOf: (sub) => sub.name, uidOf: (sub) => sub.name, labelOf: (key) => key.nickname }, options.now);
  const windows = createFixedWindows();
  return Object.assign(state, {
    /** Counts one private call of the key in its one-second window. */
    charge(apiKey: string): boolean {
      return windows.charge(apiKey, { nowMs: options.now(), windowMs: 1_000, quota: options.requestsPerSecond, isRefused: state.faults.rateLimitEveryRequest }).isAllowed;
    },
  });
}
