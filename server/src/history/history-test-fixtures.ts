import type { AuditedKey } from '@contract/audited-key.ts';
import type { AuditRun, ConnectionResult } from '@contract/audit-run.ts';
import type { Finding } from '@contract/finding.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import type { RecordedRun } from '@contract/history.ts';
import { summarizeRecordedRun } from './memory-history-store.ts';

/** Test-only builders of hand-made runs for the history tests: sensible defaults, override what a test is about. */

export function buildKey(overrides: Partial<AuditedKey> = {}): AuditedKey {
  return {
    id: 'key-1',
    connectionId: 'conn-1',
    exchange: 'kucoin',
    account: { kind: 'sub', name: 'alpha' },
    apiKey: '6601a2b3c4d5e6f7a8b9c0d1',
    label: 'grid bot',
    permissions: ['General'],
    capabilities: [{ capability: 'read', from: 'General', isUncertain: false }],
    ipWhitelist: ['203.0.113.7'],
    createdAt: null,
    expiresAt: null,
    lastUsedAt: null,
    isCallingKey: false,
    revocability: { canRevoke: true, how: 'api', reason: 'Sub-account keys can be deleted.', manageUrl: exchangeInfo('kucoin').manageKeysUrl },
    ...overrides,
  };
}

/** A KuCoin key that can withdraw: permission word and capability together, as the adapter reports them. */
export const WITHDRAW = { word: 'Withdrawal', granted: { capability: 'withdraw' as const, from: 'Withdrawal', isUncertain: false } };
export const SPOT = { word: 'Spot', granted: { capability: 'trade-spot' as const, from: 'Spot', isUncertain: false } };

export function buildFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'withdraw-without-ip-whitelist',
    severity: 'critical',
    keyId: 'key-1',
    title: 'Can withdraw from any IP address',
    why: 'Anyone holding the key can withdraw.',
    fix: 'Add an IP whitelist.',
    acceptance: null,
    ...overrides,
  };
}

export function buildConnection(overrides: Partial<ConnectionResult> = {}): ConnectionResult {
  return {
    connectionId: 'conn-1',
    exchange: 'kucoin',
    label: 'KuCoin main',
    status: 'ok',
    error: null,
    accounts: [
      { account: { kind: 'master', name: 'master' }, status: 'ok', error: null, keyCount: 0 },
      { account: { kind: 'sub', name: 'alpha' }, status: 'ok', error: null, keyCount: 1 },
    ],
    ...overrides,
  };
}

export function buildRun(overrides: Partial<AuditRun> = {}): AuditRun {
  return {
    schemaVersion: 1,
    startedAt: '2026-11-01T09:59:00.000Z',
    finishedAt: '2026-11-01T10:00:00.000Z',
    connections: [buildConnection()],
    keys: [buildKey()],
    findings: [],
    ...overrides,
  };
}

export function recorded(runId: number, run: AuditRun): RecordedRun {
  return { summary: summarizeRecordedRun(runId, run, 'dashboard'), run };
}
