import type { AuditedKey } from '@contract/audited-key.ts';
import type { Capability, GrantedCapability } from '@contract/capability.ts';
import type { RuleContext } from './finding-rule.ts';

/** Test fixtures for the findings tests: a harmless read-only KuCoin sub-account key unless overridden. */
export const TEST_NOW_MS = Date.parse('2026-06-01T00:00:00Z');

export const testContext: RuleContext = {
  nowMs: TEST_NOW_MS,
  thresholds: { maxKeyAgeDays: 180, expiresSoonDays: 14, maxIpv4PrefixWidth: 24, maxIpv6PrefixWidth: 48 },
};

export function grant(capability: Capability, from: string = capability, isUncertain = false): GrantedCapability {
  return { capability, from, isUncertain };
}

export function makeKey(overrides: Partial<AuditedKey> = {}): AuditedKey {
  return {
    id: 'key-1',
    connectionId: 'conn-1',
    exchange: 'kucoin',
    account: { kind: 'sub', name: 'bot1' },
    apiKey: '6705f5c311545b000157d3eb',
    label: 'test key',
    permissions: ['General'],
    capabilities: [grant('read', 'General')],
    ipWhitelist: ['8.8.8.8'],
    createdAt: '2026-05-01T00:00:00.000Z',
    expiresAt: null,
    lastUsedAt: null,
    isCallingKey: false,
    revocability: { canRevoke: true, how: 'api-needs-key-passphrase', reason: 'test', manageUrl: 'https://example.test' },
    ...overrides,
  };
}
