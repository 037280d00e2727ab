import type { Capability } from '@contract/capability.ts';

/** How much harm a capability can do if the key leaks: colours the permission chips. */
export type DangerLevel = 'critical' | 'elevated' | 'neutral';

const DANGER_BY_CAPABILITY: Record<Capability, DangerLevel> = {
  withdraw: 'critical',
  'transfer-external': 'critical',
  'trade-spot': 'elevated',
  'trade-margin': 'elevated',
  'trade-futures': 'elevated',
  'trade-options': 'elevated',
  'transfer-internal': 'elevated',
  'manage-subaccounts': 'elevated',
  read: 'neutral',
  earn: 'neutral',
  other: 'neutral',
};

const RANK: Record<DangerLevel, number> = { neutral: 0, elevated: 1, critical: 2 };

export function dangerOf(capabilities: readonly Capability[]): DangerLevel {
  return capabilities.reduce<DangerLevel>(
    (worst, capability) => (RANK[DANGER_BY_CAPABILITY[capability]] > RANK[worst] ? DANGER_BY_CAPABILITY[capability] : worst),
    'neutral',
  );
}
