import type { AuditedKey } from '@contract/audited-key.ts';
import type { AuditRun, ConnectionResult } from '@contract/audit-run.ts';
import type { Status } from '@contract/api.ts';
import type { Finding } from '@contract/finding.ts';

/** Builders for contract-typed test data: sensible defaults, override what the test is about. */

export function buildAuditedKey(overrides: Partial<AuditedKey> = {}): AuditedKey {
  return {
    id: 'key-1',
    connectionId: 'conn-1',
    exchange: 'kucoin',
    account: { kind: 'sub', name: 'gridbot2' },
    apiKey: '6601a2b3c4d5e6f7a8b9c0d1',
    label: 'grid bot 2',
    permissions: ['General', 'Spot'],
    capabilities: [
      { capability: 'read', from: 'General', isUncertain: false },
      { capability: 'trade-spot', from: 'Spot', isUncertain: false },
    ],
    ipWhitelist: ['203.0.113.7'],
    createdAt: '2025-01-10T08:00:00.000Z',
    expiresAt: null,
    lastUsedAt: null,
    isCallingKey: false,
    revocability: {
      canRevoke: true,
      how: 'api-needs-key-passphrase',
      reason: 'Sub-account keys can be deleted through the master key.',
      manageUrl: 'https://www.kucoin.com/account/api',
    },
    ...overrides,
  };
}

export function buildConnectionResult(overrides: Partial<ConnectionResult> = {}): ConnectionResult {
  return {
    connectionId: 'conn-1',
    exchange: 'kucoin',
    label: 'KuCoin main',
    status: 'ok',
    error: null,
    accounts: [
      { account: { kind: 'master', name: 'master' }, status: 'ok', error: null, keyCount: 1 },
      { account: { kind: 'sub', name: 'gridbot2' }, status: 'ok', error: null, keyCount: 1 },
    ],
    ...overrides,
  };
}

export function buildAuditRun(overrides: Partial<AuditRun> = {}): AuditRun {
  return {
    schemaVersion: 1,
    startedAt: '2025-06-15T11:59:58.000Z',
    finishedAt: '2025-06-15T12:00:00.000Z',
    connections: [buildConnectionResult()],
    keys: [buildAuditedKey()],
    findings: [],
    ...overrides,
  };
}

export function buildStatus(overrides: Partial<Status> = {}): Status {
  return { mode: 'demo', demoKeyPassphrase: 'demo-passphrase', vault: 'none', ...overrides };
}

export function buildFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'withdraw-without-ip-whitelist',
    severity: 'critical',
    keyId: 'key-1',
    title: 'Can withdraw from any IP address',
    why: 'Anyone who obtains the key and its secret can withdraw your funds.',
    fix: 'Revoke this key, or add an IP whitelist.',
    acceptance: null,
    ...overrides,
  };
}
