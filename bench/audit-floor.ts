/**
 * The least time an audit can take against an exchange, whatever the client does: its calls run in sequential
 * phases (calling key, sub-account list, then the sub-accounts' keys with bounded concurrency), and a phase takes at
 * least its rounds of latency and at least as long as its rate-limit budgets need to admit its calls.
 */
export type AuditPlan = {
  /** Every request the audit sends, the public time call included: checked against the simulator's count. */
  requests: number;
  phases: AuditPhase[];
};

export type AuditPhase = {
  /** Requests that must follow one another in this phase (at the audit's concurrency). */
  rounds: number;
  budgets?: RateBudget[];
};

/** One rate-limit budget as the simulator documents it, and what the phase asks of it. */
export type RateBudget = {
  calls: number;
  /** Defaults to 1: budgets that count requests. */
  weight?: number;
  /** Weight (or requests) admitted per window. */
  quota: number;
  windowMs: number;
  /** Windows that reset on the clock's boundaries (Binance's minute) rather than a window after the first call. */
  isAlignedToClock?: boolean;
  /** How many rounds into the phase its first call is answered; defaults to 1. */
  firstCallRound?: number;
};

/**
 * The plan's floor in ms, and the part of it latency alone sets. `startedAtMs` (epoch) places clock-aligned windows.
 * A budget needing m windows admits its last call no sooner than m − 1 windows after its first (fixed windows opened
 * by the first call, and sliding ones alike); a clock-aligned budget waits for the (m − 1)th boundary after its first call.
 */
export function floorOf(plan: AuditPlan, { latencyMs, startedAtMs }: { latencyMs: number; startedAtMs: number }) {
  let floorMs = 0;
  for (const phase of plan.phases) {
    const phaseStartMs = startedAtMs + floorMs;
    const budgetFloors = (phase.budgets ?? []).map((budget) => {
      const firstCallMs = phaseStartMs + (budget.firstCallRound ?? 1) * latencyMs;
      const windows = Math.ceil((budget.calls * (budget.weight ?? 1)) / budget.quota);
      const lastWindowOpensMs = budget.isAlignedToClock
        ? windows > 1 ? (Math.floor(firstCallMs / budget.windowMs) + windows - 1) * budget.windowMs : firstCallMs
        : firstCallMs + Math.max(0, windows - 1) * budget.windowMs;
      return lastWindowOpensMs - phaseStartMs;
    });
    floorMs += Math.max(phase.rounds * latencyMs, ...budgetFloors);
  }
  const latencyFloorMs = plan.phases.reduce((sum, phase) => sum + phase.rounds * latencyMs, 0);
  return { floorMs, latencyFloorMs };
}
