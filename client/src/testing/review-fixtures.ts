import { buildAuditRun, buildAuditedKey, buildConnectionResult, buildFinding } from './fixtures.ts';

/** A small audit with one key per situation the review screens distinguish. */
export const payoutKey = buildAuditedKey({
  id: 'k-payout',
  label: 'Payout Bot',
  account: { kind: 'sub', name: 'treasury' },
  apiKey: '6601a2b3c4d5e6f7a8b9c0d1',
  permissions: ['General', 'Transfer'],
  capabilities: [
    { capability: 'read', from: 'General', isUncertain: false },
    { capability: 'withdraw', from: 'Transfer', isUncertain: true },
  ],
  ipWhitelist: null,
});
export const gridKey = buildAuditedKey({
  id: 'k-grid',
  label: 'grid bot',
  apiKey: '7702b3c4d5e6f7a8b9c0d1e2',
  ipWhitelist: null,
  createdAt: '2025-06-01T00:00:00.000Z',
});
export const readerKey = buildAuditedKey({
  id: 'k-reader',
  label: 'accounting',
  account: { kind: 'master', name: 'master' },
  capabilities: [{ capability: 'read', from: 'General', isUncertain: false }],
  permissions: ['General'],
  revocability: { canRevoke: false, how: 'website-only', reason: 'KuCoin cannot delete master keys by API.', manageUrl: 'https://www.kucoin.com/account/api' },
});
export const quietKey = buildAuditedKey({ id: 'k-quiet', label: 'tax export', apiKey: '8803b3c4d5e6f7a8b9c0d1e2', createdAt: '2024-01-01T00:00:00.000Z' });
export const acceptedKey = buildAuditedKey({ id: 'k-accepted', label: 'office payout', apiKey: '9904b3c4d5e6f7a8b9c0d1e2' });

export const reviewRun = buildAuditRun({
  connections: [
    buildConnectionResult({
      accounts: [
        { account: { kind: 'master', name: 'master' }, status: 'ok', error: null, keyCount: 1 },
        { account: { kind: 'sub', name: 'treasury' }, status: 'ok', error: null, keyCount: 1 },
        { account: { kind: 'sub', name: 'gridbot2' }, status: 'ok', error: null, keyCount: 3 },
      ],
    }),
  ],
  keys: [quietKey, readerKey, gridKey, acceptedKey, payoutKey],
  findings: [
    buildFinding({ keyId: 'k-payout', why: 'It can withdraw (KuCoin word Transfer) from any IP.' }),
    buildFinding({ keyId: 'k-grid', ruleId: 'trade-without-ip-whitelist', severity: 'high', title: 'Can trade from any IP address', why: 'w', fix: 'f' }),
    buildFinding({ keyId: 'k-reader', ruleId: 'read-only-with-whitelist', severity: 'info', title: 'Read-only with whitelist', why: 'w', fix: 'f' }),
    buildFinding({ keyId: 'k-accepted', ruleId: 'withdraw-enabled', severity: 'medium', title: 'Can withdraw', acceptance: { reason: 'Addresses are allow-listed', expiresAt: '2025-12-31' } }),
  ],
});
