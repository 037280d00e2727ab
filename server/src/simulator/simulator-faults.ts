import { z } from 'zod';

/**
 * The failure switches every exchange simulator offers, and what it counts. Each simulator answers a fault in its own
 * exchange's words (its error codes and statuses); its state file says which.
 */
export type SimulatorFaults = {
  /** These sub-accounts (by the name keyaudit uses for them) fail with a server error on their key endpoints. */
  failSubAccounts: string[];
  /** Every answer is an HTML page instead of JSON. */
  garbage: boolean;
  /** Every private call is refused as rate-limited. */
  rateLimitEveryRequest: boolean;
  /** Added to the simulator's clock: the caller's clock looks this much behind. */
  clockSkewMs: number;
};

/** The switches a test may set over HTTP (PUT /_simulator/:exchange/faults); any left out are off. */
export const simulatorFaultsSchema = z
  .object({
    failSubAccounts: z.array(z.string().max(200)).max(100),
    garbage: z.boolean(),
    rateLimitEveryRequest: z.boolean(),
    clockSkewMs: z.number().int(),
  })
  .partial()
  .strict();

const NO_FAULTS: SimulatorFaults = { failSubAccounts: [], garbage: false, rateLimitEveryRequest: false, clockSkewMs: 0 };

export type SimulatorFaultSwitches = ReturnType<typeof createSimulatorFaults>;

/**
 * Fault switches and request counters for one simulator; tests change and inspect them through its state object.
 * Combine with Object.assign rather than a spread: a spread would copy the `faults` getter's value of that moment.
 */
export function createSimulatorFaults() {
  let faults: SimulatorFaults = { ...NO_FAULTS };
  const stats = { requests: 0, rateLimited: 0 };
  return {
    get faults(): Readonly<SimulatorFaults> {
      return faults;
    },
    /** Merges the given switches into the current ones. */
    setFaults(changes: Partial<SimulatorFaults>) {
      faults = { ...faults, ...changes };
    },
    clearFaults() {
      faults = { ...NO_FAULTS };
    },
    /** requests: every request received; rateLimited: calls refused as rate-limited. */
    stats,
    resetStats() {
      stats.requests = 0;
      stats.rateLimited = 0;
    },
  };
}
