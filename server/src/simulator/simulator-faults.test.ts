import { describe, expect, it } from 'vitest';
import { createSimulatorFaults } from './simulator-faults.ts';

describe(createSimulatorFaults.name, () => {
  it('starts with no faults and merges the switches it is given', () => {
    const switches = createSimulatorFaults();
    expect(switches.faults).toEqual({ failSubAccounts: [], garbage: false, rateLimitEveryRequest: false, clockSkewMs: 0 });
    switches.setFaults({ garbage: true });
    switches.setFaults({ clockSkewMs: 5_000 });
    expect(switches.faults).toMatchObject({ garbage: true, clockSkewMs: 5_000, rateLimitEveryRequest: false });
  });

  it('clears every switch at once', () => {
    const switches = createSimulatorFaults();
    switches.setFaults({ failSubAccounts: ['tax'], garbage: true, rateLimitEveryRequest: true, clockSkewMs: -1 });
    switches.clearFaults();
    expect(switches.faults).toEqual({ failSubAccounts: [], garbage: false, rateLimitEveryRequest: false, clockSkewMs: 0 });
  });

  it('keeps the faults live on a state object built with Object.assign', () => {
    const state = Object.assign(createSimulatorFaults(), { isGarbled: () => false });
    state.setFaults({ garbage: true });
    expect(state.faults.garbage).toBe(true);
  });

  it('counts into one stats object until reset', () => {
    const switches = createSimulatorFaults();
    const { stats } = switches;
    stats.requests += 3;
    stats.rateLimited += 1;
    switches.resetStats();
    expect(switches.stats).toBe(stats);
    expect(stats).toEqual({ requests: 0, rateLimited: 0 });
  });
});
